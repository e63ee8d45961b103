import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FerryError, type ErrorShape } from '../../shared/errors';
import type { Asset } from '../../shared/model/asset';
import { bundledWorker } from '../workers/bundled-worker';
import { scanTarget, type ScannedBody, type ScanSettings, type ScanTarget } from './code-scan';
import type { SharedQueue } from './shared-queue';
import type { PackedRecords } from '../formats/zip/packed-records';

/**
 * The plan's code scan on two threads. A worker starts as soon as the plan starts and hashes the package file (while
 * this thread reads the package); once the package is read, it takes code files from the same queue as this thread
 * (shared-queue.ts), so the scan runs on a second core while this thread maps the assets, then on both. It reads
 * them where this thread's reading of the zip's central directory found them (or reads the directory itself when
 * not told). The bodies come back, a few at a time, as this thread would have scanned them.
 *
 * Only a zip: a folder package would be listed again, file by file, which costs about what the worker would save.
 */

/** A package zip smaller than this is scanned on the calling thread alone: the worker would not pay for itself. */
export const HELPER_MIN_BYTES = 16 * 1024 * 1024;
/** Fewer code files than this are scanned on the calling thread alone (the zip was large for other reasons). */
export const HELPER_MIN_FILES = 4000;
/** Indexes a thread claims at a time: a few milliseconds of work, so both threads finish close together. */
export const SCAN_CHUNK = 32;
/** Bodies the worker posts at a time, so that they are taken in while the calling thread still scans. */
const POST_EVERY = 128;

/** What the worker is started with. */
export interface ScanWorkerStart {
  sourcePath: string;
}

/**
 * What the worker is then asked to scan: the queue's items are `assets` (what a scan looks at, code in files), found
 * in the zip at `locations` (same order) when given, else through the zip's central directory, read again.
 */
export interface ScanWorkerRequest {
  assets: ScanTarget[];
  locations: PackedRecords | null;
  settings: ScanSettings;
  queue: SharedQueue;
  postEvery: number;
}

/** One body the worker scanned: `index` into the queue's items, `size` of the file read. */
export interface HelperResult {
  index: number;
  size: number;
  body: ScannedBody;
}

export type ScanWorkerReply =
  | { type: 'bodies'; results: HelperResult[] }
  | { type: 'done' }
  | { type: 'error'; error: ErrorShape }
  | { type: 'package-sha'; sha: string | null };

/** The scan worker of one plan; `stop` it when the plan is done with it (it was maybe never asked to scan). */
export interface ScanHelper {
  /**
   * Scans the queue's items beside the caller. Each body is checked with `checkRead` (the manifest) as it arrives.
   * Resolves with the bodies scanned when the worker is done, with those it posted when it could not start or
   * stopped (the items it claimed and did not post are the caller's to scan); rejects with the worker's error (a
   * corrupt entry, say) or `checkRead`'s.
   */
  scan(
    assets: readonly Asset[],
    settings: ScanSettings,
    queue: SharedQueue,
    checkRead: (entry: string, size: number, sha256: string) => void,
    locations?: PackedRecords | null,
  ): Promise<HelperResult[]>;
  /** sha256 of the package file, which the worker takes as it starts; null when it could not. */
  packageSha(): Promise<string | null>;
  stop(): void;
}

/** True when the file begins with a zip's local file header (a FlowSpec file of that size does not). */
function startsLikeZip(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      return fs.readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Starts the scan worker for a package zip of at least `minBytes`; null for anything else, or when no worker script
 * is available (running from sources).
 */
export function startScanHelper(
  packagePath: string,
  options: { workerScript?: string | null; minBytes?: number } = {},
): ScanHelper | null {
  const stat = fs.statSync(packagePath, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size < (options.minBytes ?? HELPER_MIN_BYTES) || !startsLikeZip(packagePath))
    return null;
  const script =
    options.workerScript === undefined ? bundledWorker('code-scan-worker.cjs') : options.workerScript;
  if (script === null) return null;
  const worker = new Worker(script, {
    workerData: { sourcePath: path.resolve(packagePath) } satisfies ScanWorkerStart,
  });
  worker.unref(); // a worker never asked to scan, or not stopped, does not keep the process alive
  // Until asked to scan, a failure to start is only noticed then; the worker's own errors come as messages.
  let ended = false;
  let tookSha: (sha: string | null) => void = () => undefined;
  const packageSha = new Promise<string | null>((resolve) => (tookSha = resolve));
  const end = () => {
    ended = true;
    tookSha(null);
  };
  worker.on('error', end);
  worker.on('exit', end);
  worker.on('message', (reply: ScanWorkerReply) => {
    if (reply.type === 'package-sha') tookSha(reply.sha);
  });
  return {
    scan(assets, settings, queue, checkRead, locations = null) {
      return new Promise<HelperResult[]>((resolve, reject) => {
        const found: HelperResult[] = [];
        if (ended) return resolve(found);
        worker.on('message', (reply: ScanWorkerReply) => {
          if (reply.type === 'package-sha') return;
          if (reply.type === 'error') return reject(FerryError.fromShape(reply.error));
          if (reply.type === 'done') return resolve(found);
          try {
            for (const result of reply.results) {
              checkRead(assets[result.index].code!.entry, result.size, result.body.code.sha);
              found.push(result);
            }
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        worker.on('error', () => resolve(found));
        worker.on('exit', () => resolve(found));
        const request: ScanWorkerRequest = {
          assets: assets.map(scanTarget),
          locations,
          settings,
          queue,
          postEvery: POST_EVERY,
        };
        worker.ref(); // the caller is waiting for it now
        worker.postMessage(request);
      });
    },
    packageSha() {
      worker.ref(); // the caller is waiting for it now
      return packageSha;
    },
    stop: () => void worker.terminate(),
  };
}
