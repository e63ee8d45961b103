import { parentPort } from 'node:worker_threads';
import { unpackBytes } from '../workers/packed-bytes';
import { createAtomicWriter, syncCalls } from './atomic-file';
import type { WriterReply, WriterRequest } from './threaded-writer';

/**
 * Worker-thread entry (bundled to dist/main/writer-worker.cjs): the importer's durable atomic writer with
 * synchronous file system calls, one batch at a time, each batch's bytes in one transferred buffer.
 */
const writer = createAtomicWriter({ calls: syncCalls });
const port = parentPort!;

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WriterRequest) => {
  queue = queue.then(async () => {
    const data = unpackBytes(request.bytes, request.lengths);
    const results = await writer.writeMany!(request.files.map((file, i) => ({ file, data: data[i] })));
    port.postMessage({
      id: request.id,
      results: results.map((error) =>
        error === null
          ? null
          : { code: (error as NodeJS.ErrnoException).code ?? null, message: error.message },
      ),
    } satisfies WriterReply);
  });
});
port.postMessage({ id: 0, results: [] } satisfies WriterReply); // started
