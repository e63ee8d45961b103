import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/model/job';
import { FerryError } from '../../shared/errors';
import { JobRunner } from './job-runner';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JobRunner', () => {
  it('publishes the start and the end, and throttles progress in between', async () => {
    const updates: Job[] = [];
    const runner = new JobRunner({ onUpdate: (job) => updates.push(job), throttleMs: 50 });
    const { done } = runner.start('demo', 'many items', async (ctx) => {
      for (let i = 1; i <= 10_000; i++) ctx.progress(i, 10_000);
      await tick(80);
      return 'ok';
    });
    await expect(done).resolves.toBe('ok');
    expect(updates[0]).toMatchObject({ state: 'running' });
    expect(updates.at(-1)).toMatchObject({ state: 'succeeded', progress: { done: 10_000, total: 10_000 } });
    expect(updates.length).toBeLessThan(10);
  });

  it('cancels through the AbortSignal and ends in the cancelled state', async () => {
    const runner = new JobRunner({ onUpdate: () => {} });
    const { job, done } = runner.start('demo', 'slow', async (ctx) => {
      while (!ctx.signal.aborted) await tick(5);
      ctx.signal.throwIfAborted();
    });
    expect(runner.cancel(job.id)).toBe(true);
    await expect(done).rejects.toThrow();
    expect(runner.get(job.id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(runner.cancel(job.id)).toBe(false);
  });

  it('keeps the typed error of a failed job and refuses to hand out its result', async () => {
    const runner = new JobRunner({ onUpdate: () => {} });
    const { job, done } = runner.start('demo', 'broken.zip', () => Promise.reject(new FerryError('not-a-zip', 'broken.zip: not a zip')));
    await expect(done).rejects.toThrow('not a zip');
    expect(runner.get(job.id)?.error).toEqual({ code: 'not-a-zip', message: 'broken.zip: not a zip' });
    expect(() => runner.result(job.id, 'demo')).toThrow(/did not finish: broken.zip: not a zip/);
  });
});
