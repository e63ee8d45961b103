import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import { packBytes } from '../workers/packed-bytes';
import { sha256Of } from '../formats/known-sha256';
import { describeError } from './import-errors';
import {
  openPlannedPackage,
  type MaterializerReply,
  type MaterializerRequest,
  type MaterializerWorkerData,
  type PackedObject,
} from './worker-materializer';

/**
 * Worker-thread entry (bundled to dist/main/materializer-worker.cjs): reads the package, maps it with the profile,
 * then answers batches of landing requests with the objects' files. The files of a batch travel back in one
 * transferred buffer (no copy), each with its sha256, so the importer's thread only writes and journals.
 */
const input = workerData as MaterializerWorkerData;
const port = parentPort!;
let last = 0;

const opened = openPlannedPackage(input, (done, total) => {
  const now = Date.now();
  if (now - last < 100 && done < total) return;
  last = now;
  port.postMessage({ type: 'progress', done, total } satisfies MaterializerReply);
});
opened.then(
  () => port.postMessage({ type: 'ready' } satisfies MaterializerReply),
  (error: unknown) =>
    port.postMessage({ type: 'failed', error: toErrorShape(error) } satisfies MaterializerReply),
);

// One batch at a time, in the order asked (the importer keeps at most one batch ahead).
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: MaterializerRequest) => {
  queue = queue.then(async () => {
    const materializer = await opened.catch(() => null);
    if (!materializer) return; // 'failed' was posted: the caller rejects every request
    const results = await materializer.filesOf(request.objects);
    const packed = results.map((result): PackedObject => {
      if (result instanceof Error) return { error: describeError(result) };
      return { files: result.map((file) => ({ path: file.path, sha256: sha256Of(file.data) })) };
    });
    const { bytes, lengths } = packBytes(
      results.flatMap((result) => (result instanceof Error ? [] : result.map((f) => f.data))),
    );
    port.postMessage(
      { type: 'files', id: request.id, results: packed, bytes, lengths } satisfies MaterializerReply,
      [bytes],
    );
  });
});
