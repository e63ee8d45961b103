import { Worker } from 'node:worker_threads';
import { bundledWorker } from '../workers/bundled-worker';
import { packBytes } from '../workers/packed-bytes';
import { createAtomicWriter, type FileWriter, type WriteItem } from './atomic-file';
import { canSyncFileSystem } from './file-system-sync';
import { errorFromDescription } from './import-errors';

/** A batch for the writer thread: the files' paths, their bytes packed in the same order (`packBytes`). */
export interface WriterRequest {
  id: number;
  files: string[];
  bytes: ArrayBuffer;
  lengths: number[];
}

/** Per file: null when written, else its error's errno code and message. Id 0 announces the thread started. */
export interface WriterReply {
  id: number;
  results: ({ code: string | null; message: string } | null)[];
}

export interface ClosableWriter extends FileWriter {
  close(): Promise<void>;
}

/**
 * The importer's writer (see atomic-file.ts) on a thread of its own, with synchronous file system calls: the
 * same order of temporary files, flushes and renames, without handing each call to libuv's thread pool and back,
 * and off the thread that journals. Only where a batch is flushed with one syncfs (Linux: a synchronous fsync per
 * file would write one file at a time) and the bundled worker exists; else the calling thread's writer. A thread
 * that cannot start leaves the work to the calling thread's writer too.
 */
export async function openImportWriter(workerScript?: string | null): Promise<ClosableWriter> {
  const script = workerScript === undefined ? bundledWorker('writer-worker.cjs') : workerScript;
  const here = createAtomicWriter();
  if (script === null || !(await canSyncFileSystem())) return { ...here, close: () => Promise.resolve() };

  const worker = new Worker(script);
  const pending = new Map<
    number,
    { resolve: (results: (Error | null)[]) => void; reject: (error: Error) => void }
  >();
  let started = false;
  let failure: Error | null = null;
  let closed = false;
  let nextId = 1;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    if (reply.id === 0) started = true;
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    request?.resolve(reply.results.map((r) => (r === null ? null : errorFromDescription(r))));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`the writer thread stopped unexpectedly (exit code ${code})`));
  });

  const onThread = (items: readonly WriteItem[]): Promise<(Error | null)[]> => {
    const { bytes, lengths } = packBytes(items.map((item) => item.data));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage(
        { id, files: items.map((item) => item.file), bytes, lengths } satisfies WriterRequest,
        [bytes],
      );
    });
  };
  const writeMany = async (items: readonly WriteItem[]): Promise<(Error | null)[]> => {
    try {
      if (failure) throw failure;
      return await onThread(items);
    } catch (error) {
      if (!started) return here.writeMany!(items); // the thread never started, so it wrote nothing: write here
      throw error;
    }
  };
  return {
    writeMany,
    async write(file, data) {
      const [error] = await writeMany([{ file, data }]);
      if (error) throw error;
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}
