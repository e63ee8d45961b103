import { promises as fs } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import { openZipSource } from '../formats/source/zip-source';
import { readEntryData, type ArchiveFile } from '../formats/zip/entry-data-reader';
import { zipError } from '../formats/zip/zip-errors';
import { recordAt, type PackedRecords } from '../formats/zip/packed-records';
import { bodyScanner, READ_CONCURRENCY, type ScanTarget } from './code-scan';
import { fileSha256 } from './plan-hash';
import type { HelperResult, ScanWorkerReply, ScanWorkerRequest, ScanWorkerStart } from './scan-helper';
import { drainQueue } from './shared-queue';

/**
 * Worker-thread entry (bundled to dist/main/code-scan-worker.cjs): hashes the package zip at once, then scans the
 * code files it takes from the shared queue when asked, posting the bodies back a few at a time (scan-helper.ts).
 * It reads them where the plan's thread found them in the zip's central directory, or reads the directory itself
 * when not told. Cancelling terminates the thread.
 */
const { sourcePath } = workerData as ScanWorkerStart;
const port = parentPort!;
// The plan's package hash, taken while this thread waits for the package to be read and mapped; the plan hashes
// the file itself when this fails.
fileSha256(sourcePath).then(
  (sha) => port.postMessage({ type: 'package-sha', sha } satisfies ScanWorkerReply),
  () => port.postMessage({ type: 'package-sha', sha: null } satisfies ScanWorkerReply),
);

/** Reads the queue's items: where the plan's thread says they lie, else through the zip's directory. */
interface ItemReader {
  read(index: number): Promise<Buffer>;
  close(): Promise<void>;
}

async function itemReader(assets: ScanTarget[], locations: PackedRecords | null): Promise<ItemReader> {
  if (locations === null) {
    const source = await openZipSource(sourcePath);
    return { read: (index) => source.readBytes(assets[index].code!.entry), close: () => source.close() };
  }
  const handle = await fs.open(sourcePath, 'r');
  try {
    // The directory the locations come from was read from a file of this size; the plan checks afterwards that
    // the package file it read is the one it started with.
    const { size } = await handle.stat();
    if (size !== locations.fileSize)
      throw zipError('io', sourcePath, 'changed while it was being planned; plan again');
  } catch (error) {
    await handle.close();
    throw error;
  }
  const file: ArchiveFile = { path: sourcePath, size: locations.fileSize, handle };
  return {
    read: (index) => readEntryData(file, recordAt(locations, index, assets[index].code!.entry)),
    close: () => handle.close(),
  };
}

async function scan({ assets, locations, settings, queue, postEvery }: ScanWorkerRequest): Promise<void> {
  const source = await itemReader(assets, locations);
  try {
    const scanBody = bodyScanner(settings);
    let results: HelperResult[] = [];
    await drainQueue(queue, READ_CONCURRENCY, async (index) => {
      const asset = assets[index];
      const bytes = await source.read(index);
      results.push({ index, size: bytes.length, body: scanBody(asset, bytes) });
      if (results.length < postEvery) return;
      port.postMessage({ type: 'bodies', results } satisfies ScanWorkerReply);
      results = [];
    });
    port.postMessage({ type: 'bodies', results } satisfies ScanWorkerReply);
  } finally {
    await source.close();
  }
}

port.once('message', (request: ScanWorkerRequest) => {
  scan(request).then(
    () => port.postMessage({ type: 'done' } satisfies ScanWorkerReply),
    (error: unknown) =>
      port.postMessage({ type: 'error', error: toErrorShape(error) } satisfies ScanWorkerReply),
  );
});
