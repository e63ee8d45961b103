import { Worker } from 'node:worker_threads';
import { bundledWorker } from '../workers/bundled-worker';
import { createAtomicWriter, type FileWriter, type WriteItem } from './atomic-file';
import { canSyncFileSystem } from './file-system-sync';

/** A batch for the writer thread: where each file's bytes sit in `bytes`. */
export interface WriterRequest {
  id: number;
  items: { file: string; offset: number; length: number }[];
  bytes: ArrayBuffer;
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
  const pending = new Map<number, { resolve: (results: (Error | null)[]) => void; reject: (error: Error) => void }>();
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
    request?.resolve(
      reply.results.map((r) => (r === null ? null : Object.assign(new Error(r.message), r.code ? { code: r.code } : {}))),
    );
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`the writer thread stopped unexpectedly (exit code ${code})`));
  });

  const onThread = (items: readonly WriteItem[]): Promise<(Error | null)[]> => {
    const size = items.reduce((sum, item) => sum + item.data.length, 0);
    const bytes = new Uint8Array(size);
    let offset = 0;
    const placed = items.map((item) => {
      bytes.set(item.data, offset);
      offset += item.data.length;
      return { file: item.file, offset: offset - item.data.length, length: item.data.length };
    });
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, items: placed, bytes: bytes.buffer } satisfies WriterRequest, [bytes.buffer]);
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
