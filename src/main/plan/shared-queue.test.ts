import { describe, expect, it } from 'vitest';
import { drainQueue, indexTaker, newSharedQueue } from './shared-queue';

describe('shared queue', () => {
  it('hands every index to exactly one of the takers, a chunk at a time', () => {
    const queue = newSharedQueue(103, 10);
    const [a, b] = [indexTaker(queue), indexTaker(queue)];
    const taken: number[][] = [[], []];
    // Alternating unevenly, as two threads would.
    for (let round = 0, doneA = false, doneB = false; !(doneA && doneB); round += 1) {
      if (!doneA)
        for (let i = 0; i < 7; i += 1) {
          const index = a();
          if (index < 0) {
            doneA = true;
            break;
          }
          taken[0].push(index);
        }
      if (!doneB && round % 2 === 0) {
        const index = b();
        if (index < 0) doneB = true;
        else taken[1].push(index);
      }
    }
    expect([...taken[0], ...taken[1]].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 103 }, (_, i) => i),
    );
    expect(taken[1].length).toBeGreaterThan(0);
    expect(taken[1].slice(0, 10)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]); // b's first chunk, whole
  });

  it('drains what is left with several calls in flight, and stops when cancelled', async () => {
    const queue = newSharedQueue(50, 4);
    const other = indexTaker(queue);
    const theirs = [other(), other()];
    const mine: number[] = [];
    await drainQueue(queue, 3, async (index) => {
      await Promise.resolve();
      mine.push(index);
    });
    expect(theirs).toEqual([0, 1]);
    expect(mine.sort((x, y) => x - y)).toEqual(Array.from({ length: 46 }, (_, i) => i + 4));
    expect([other(), other(), other()]).toEqual([2, 3, -1]); // the rest of its chunk stayed its own
    const controller = new AbortController();
    controller.abort();
    await expect(
      drainQueue(newSharedQueue(5, 1), 2, () => Promise.resolve(), controller.signal),
    ).rejects.toThrow();
  });
});
