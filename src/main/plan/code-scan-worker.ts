import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import { openZipSource } from '../formats/source/zip-source';
import { bodyScanner, READ_CONCURRENCY } from './code-scan';
import { fileSha256 } from './plan-hash';
import type { HelperResult, ScanWorkerReply, ScanWorkerRequest, ScanWorkerStart } from './scan-helper';
import { drainQueue } from './shared-queue';

/**
 * Worker-thread entry (bundled to dist/main/code-scan-worker.cjs): opens the package zip and hashes the file at
 * once, then scans the code files it takes from the shared queue when asked, posting the bodies back a few at a
 * time (scan-helper.ts). Cancelling terminates the thread.
 */
const { sourcePath } = workerData as ScanWorkerStart;
const port = parentPort!;
const opening = openZipSource(sourcePath);
opening.catch(() => undefined); // reported when asked to scan
// The plan's package hash, taken while this thread waits for the package to be read and mapped; the plan hashes
// the file itself when this fails.
fileSha256(sourcePath).then(
  (sha) => port.postMessage({ type: 'package-sha', sha } satisfies ScanWorkerReply),
  () => port.postMessage({ type: 'package-sha', sha: null } satisfies ScanWorkerReply),
);

async function scan({ assets, settings, queue, postEvery }: ScanWorkerRequest): Promise<void> {
  const source = await opening;
  try {
    const scanBody = bodyScanner(settings);
    let results: HelperResult[] = [];
    await drainQueue(queue, READ_CONCURRENCY, async (index) => {
      const asset = assets[index];
      const bytes = await source.readBytes(asset.code!.entry);
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
