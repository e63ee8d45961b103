/**
 * Item indexes handed out to several threads from one counter in shared memory: each thread claims the next chunk
 * with an atomic add, so the one with more time to spare takes more, and nobody waits for a message to get work.
 */
export interface SharedQueue {
  /** Four bytes of shared memory: the next unclaimed index. Passed to a worker as is. */
  counter: SharedArrayBuffer;
  total: number;
  chunk: number;
}

export function newSharedQueue(total: number, chunk: number): SharedQueue {
  return { counter: new SharedArrayBuffer(4), total, chunk };
}

/** This thread's taker of indexes: the next index of its current chunk, a new chunk when that is used up, -1 at the end. */
export function indexTaker({ counter, total, chunk }: SharedQueue): () => number {
  const next = new Int32Array(counter);
  let at = 0;
  let end = 0;
  return () => {
    if (at >= end) {
      at = Atomics.add(next, 0, chunk);
      end = Math.min(total, at + chunk);
      if (at >= total) return -1;
    }
    return at++;
  };
}

/**
 * Runs `work` on the indexes this thread takes from `queue`, with at most `limit` calls in flight (reads are
 * latency-bound, as in mapLimit).
 */
export async function drainQueue(
  queue: SharedQueue,
  limit: number,
  work: (index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const take = indexTaker(queue);
  let done = false;
  const lane = async (): Promise<void> => {
    while (!done) {
      signal?.throwIfAborted();
      const index = take();
      if (index < 0) {
        done = true;
        return;
      }
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}
