import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import { snapshotDestination } from './destination-snapshot';
import type { WorkerReply, WorkerRequest } from './read-destination';

/**
 * Worker-thread entry (bundled to dist/main/destination-worker.cjs): takes one destination snapshot and posts it
 * back. Progress is sent at most every 100 ms; cancelling terminates the thread (see read-destination.ts).
 */
const { folder } = workerData as WorkerRequest;
const port = parentPort!;
let last = 0;

snapshotDestination(folder, {
  onProgress: (done, total, step) => {
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    port.postMessage({ type: 'progress', done, total, step } satisfies WorkerReply);
  },
}).then(
  (snapshot) => port.postMessage({ type: 'done', snapshot } satisfies WorkerReply),
  (error: unknown) => port.postMessage({ type: 'error', error: toErrorShape(error) } satisfies WorkerReply),
);
