import { Worker } from 'node:worker_threads';
import { FerryError, type ErrorShape } from '../../shared/errors';
import { bundledWorker } from '../workers/bundled-worker';
import { snapshotDestination, type DestinationSnapshot, type SnapshotOptions } from './destination-snapshot';

/** What the worker is given. */
export interface WorkerRequest {
  folder: string;
}

/** What the worker posts back (maps survive structured cloning). */
export type WorkerReply =
  | { type: 'progress'; done: number; total: number; step: string }
  | { type: 'done'; snapshot: DestinationSnapshot }
  | { type: 'error'; error: ErrorShape };

export interface ReadDestinationOptions extends SnapshotOptions {
  /** The worker script to run; defaults to the bundled one. `null` reads on the calling thread. */
  workerScript?: string | null;
}

/**
 * Takes a destination snapshot on a worker thread, so that it runs beside the package read on another core (each
 * is about half of a plan's reading). Errors come back as the same {@link FerryError}s; cancelling stops the thread.
 */
export async function readDestination(
  folder: string,
  options: ReadDestinationOptions = {},
): Promise<DestinationSnapshot> {
  const script = options.workerScript === undefined ? bundledWorker('destination-worker.cjs') : options.workerScript;
  if (script === null) return snapshotDestination(folder, options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  return new Promise<DestinationSnapshot>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { folder } satisfies WorkerRequest });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
      void worker.terminate();
    };
    const onAbort = () =>
      settle(() => reject(new FerryError('cancelled', `${folder}: reading was cancelled`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    let heard = false;
    worker.on('message', (reply: WorkerReply) => {
      heard = true;
      if (reply.type === 'progress') onProgress?.(reply.done, reply.total, reply.step);
      else if (reply.type === 'done') settle(() => resolve(reply.snapshot));
      else settle(() => reject(FerryError.fromShape(reply.error)));
    });
    // The worker catches its own errors and posts them; an 'error' event before any message means it could not
    // start (a packaged layout without the unpacked script, say): read on this thread instead.
    worker.on('error', (error) =>
      settle(() => {
        if (heard) reject(error);
        else snapshotDestination(folder, options).then(resolve, reject);
      }),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          new FerryError(
            'internal',
            `${folder}: the destination reader stopped unexpectedly (exit code ${code})`,
          ),
        ),
      ),
    );
  });
}
