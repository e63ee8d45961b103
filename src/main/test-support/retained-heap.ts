import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs `work` and returns what it returned with the bytes of heap still in use after a full GC: what the result keeps
 * alive (the work's garbage is collected first).
 */
export function retainedHeap<T>(work: () => T): { result: T; retained: number } {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = v8.getHeapStatistics().used_heap_size;
  const result = work();
  gc();
  return { result, retained: v8.getHeapStatistics().used_heap_size - before };
}
