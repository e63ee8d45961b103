import { parentPort } from 'node:worker_threads';
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
    const bytes = Buffer.from(request.bytes);
    const results = await writer.writeMany!(
      request.items.map((item) => ({ file: item.file, data: bytes.subarray(item.offset, item.offset + item.length) })),
    );
    port.postMessage({
      id: request.id,
      results: results.map((error) =>
        error === null ? null : { code: (error as NodeJS.ErrnoException).code ?? null, message: error.message },
      ),
    } satisfies WriterReply);
  });
});
port.postMessage({ id: 0, results: [] } satisfies WriterReply); // started
