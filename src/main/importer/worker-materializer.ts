import { promises as fs } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { FerryError, type ErrorShape } from '../../shared/errors';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { Plan } from '../../shared/model/plan';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { passphraseFor } from '../formats/manifest/passphrase-keyring';
import { openPackage } from '../formats/read-package';
import { fileSha256 } from '../plan/plan-hash';
import { bundledWorker } from '../workers/bundled-worker';
import { unpackBytes } from '../workers/packed-bytes';
import { errorFromDescription } from './import-errors';
import type { LandingRequest, ObjectFile, ObjectMaterializer } from './import-types';
import { specMaterializerOver } from './spec-object-materializer';

/** What the materializer worker is started with. */
export interface MaterializerWorkerData {
  packagePath: string;
  /** The profile objects are mapped with (the plan's executor filled in). */
  profile: MappingProfile;
  /** The destination's workspace.json. */
  destination: WorkspaceConfig;
  /**
   * The package hash the plan carries. A package file hashed by its bytes is then read without checking its Ferry
   * manifest again (the plan's read did): its bytes are hashed beside the read instead, and must match.
   */
  packageHash?: Plan['hashes']['package'];
  /** The passphrase of a signed folder package, unlocked on the calling thread (a thread has its own keyring). */
  passphrase?: string;
}

/** A batch of landing requests. */
export interface MaterializerRequest {
  id: number;
  objects: LandingRequest[];
}

/** One object's files, their bytes packed one after the other in the reply (`packBytes`); or why it has none. */
export type PackedObject =
  { files: { path: string; sha256: string }[] } | { error: { code: string; message: string } };

export type MaterializerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready' }
  | { type: 'failed'; error: ErrorShape }
  | { type: 'files'; id: number; results: PackedObject[]; bytes: ArrayBuffer; lengths: number[] };

export interface OpenMaterializerInput extends MaterializerWorkerData {
  /** Progress of reading the package, before the first files come. */
  onProgress?: (done: number, total: number) => void;
  /** The worker script; defaults to the bundled one. `null` materializes on the calling thread. */
  workerScript?: string | null;
}

/**
 * Opens a materializer over a SPEC package for an import. With the bundled worker (the built app and CLI) the
 * package is read, mapped and materialized on a worker thread, so that on a second core it runs beside the
 * importer's writes, journal and flushes; from sources (tests) it runs on this thread. The worker starts reading at
 * once: the importer's own checks (plan, hashes, lock) run meanwhile.
 */
export function openPackageMaterializer(input: OpenMaterializerInput): ObjectMaterializer {
  const script =
    input.workerScript === undefined ? bundledWorker('materializer-worker.cjs') : input.workerScript;
  return script === null ? onThisThread(input) : onWorker(script, input);
}

/**
 * Reads and maps the package. With a plan's `file-sha256` package hash, the bytes are hashed beside the read and
 * the manifest is not checked a second time; a package that changed since it was planned is refused.
 */
export async function openPlannedPackage(
  input: MaterializerWorkerData,
  onProgress?: (done: number, total: number) => void,
): Promise<ObjectMaterializer> {
  const { packagePath, packageHash } = input;
  // A path that is not a file is left to openPackage, which names what is wrong with it.
  const trusted =
    packageHash?.method === 'file-sha256' &&
    ((await fs.stat(packagePath).catch(() => null))?.isFile() ?? false);
  // The description files' documents are kept as read: each object lands from its own, so none is parsed twice.
  const documents = new Map<string, unknown>();
  const hashing = trusted ? fileSha256(packagePath) : Promise.resolve(null);
  hashing.catch(() => undefined); // awaited below, once the package is open
  const opened = await openPackage(packagePath, {
    onProgress,
    trustedBytes: trusted,
    passphrase: input.passphrase,
    contentHashes: false,
    onDocument: (entry, document) => documents.set(entry, document),
  });
  try {
    if (trusted && (await hashing) !== packageHash.value)
      throw new FerryError(
        'conflict',
        `The plan is for another package: ${packagePath} changed since the plan was made (its sha256 differs); preview this package.`,
      );
    await opened.verifyRest();
  } catch (error) {
    await opened.close();
    throw error;
  }
  return specMaterializerOver(opened, input.profile, input.destination, documents);
}

function onThisThread(input: OpenMaterializerInput): ObjectMaterializer {
  const opened = openPlannedPackage(input, input.onProgress);
  opened.catch(() => undefined); // reported by the first filesOf
  return {
    filesOf: async (objects) => (await opened).filesOf(objects),
    close: () =>
      opened.then(
        (m) => m.close(),
        () => undefined,
      ),
  };
}

function unpack(reply: Extract<MaterializerReply, { type: 'files' }>): (ObjectFile[] | Error)[] {
  const data = unpackBytes(reply.bytes, reply.lengths);
  let next = 0;
  return reply.results.map((result) => {
    if ('error' in result) return errorFromDescription(result.error);
    return result.files.map((file) => ({ path: file.path, data: data[next++], sha256: file.sha256 }));
  });
}

function onWorker(script: string, input: OpenMaterializerInput): ObjectMaterializer {
  const { onProgress, workerScript: _script, ...data } = input;
  const workerData: MaterializerWorkerData = { ...data, passphrase: data.passphrase ?? passphraseFor(data.packagePath) };
  const worker = new Worker(script, { workerData });
  const pending = new Map<
    number,
    { resolve: (files: (ObjectFile[] | Error)[]) => void; reject: (error: Error) => void }
  >();
  let failure: Error | null = null;
  let heard = false;
  let closed = false;
  let nextId = 1;
  // A worker that cannot start at all (a packaged layout without its unpacked script) leaves the work to this thread.
  let fallback: ObjectMaterializer | null = null;

  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    void worker.terminate();
  };
  worker.on('message', (reply: MaterializerReply) => {
    heard = true;
    if (reply.type === 'progress') onProgress?.(reply.done, reply.total);
    else if (reply.type === 'failed') fail(FerryError.fromShape(reply.error));
    else if (reply.type === 'files') {
      const request = pending.get(reply.id);
      pending.delete(reply.id);
      request?.resolve(unpack(reply));
    }
  });
  worker.on('error', (error) => {
    if (heard) fail(error);
    else if (!failure) {
      fallback = onThisThread(input);
      const waiting = [...pending.values()];
      pending.clear();
      for (const { reject } of waiting) reject(new FerryError('internal', 'retry on this thread'));
    }
  });
  worker.on('exit', (code) => {
    if (!closed && !fallback)
      fail(
        new FerryError(
          'internal',
          `${input.packagePath}: the package reader stopped unexpectedly (exit code ${code})`,
        ),
      );
  });

  const ask = (objects: readonly LandingRequest[]): Promise<(ObjectFile[] | Error)[]> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    const slim = objects.map(({ assetId, name, destination }) => ({
      assetId,
      name,
      destination: { folderPath: destination.folderPath, name: destination.name },
    }));
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, objects: slim } satisfies MaterializerRequest);
    });
  };

  return {
    async filesOf(objects) {
      if (fallback) return fallback.filesOf(objects);
      try {
        return await ask(objects);
      } catch (error) {
        if (fallback) return (fallback as ObjectMaterializer).filesOf(objects);
        throw error;
      }
    },
    async close() {
      closed = true;
      await worker.terminate();
      await fallback?.close();
    },
  };
}
