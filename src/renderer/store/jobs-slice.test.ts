import { describe, expect, it } from 'vitest';
import { flush, makeJob, setupStore } from '../test/fake-transport';

describe('jobs slice', () => {
  it('applies job:updated events from the backend', () => {
    const { transport, store } = setupStore();
    transport.emit('job:updated', makeJob({ progress: { done: 10, total: 40 }, step: 'Listing entries' }));
    expect(store.getState().jobs['job-1']).toMatchObject({
      progress: { done: 10, total: 40 },
      step: 'Listing entries',
    });

    transport.emit('job:updated', makeJob({ progress: { done: 30, total: 40 } }));
    expect(store.getState().jobs['job-1'].progress.done).toBe(30);
  });

  it('ignores events that do not match the contract', () => {
    const { transport, store } = setupStore();
    transport.emit('job:updated', { id: 'broken' });
    transport.emit('something:else', makeJob());
    expect(store.getState().jobs).toEqual({});
  });

  it('does not let a late progress tick revive a finished job', () => {
    const { transport, store } = setupStore();
    transport.emit('job:updated', makeJob({ state: 'succeeded', progress: { done: 40, total: 40 } }));
    transport.emit('job:updated', makeJob({ state: 'running', progress: { done: 39, total: 40 } }));
    expect(store.getState().jobs['job-1'].state).toBe('succeeded');
  });

  it('catches up from job:list when events were missed', async () => {
    const { store } = setupStore({ 'job:list': () => [makeJob({ id: 'job-9', state: 'failed' })] });
    await store.getState().syncJobs();
    await flush();
    expect(store.getState().jobs['job-9'].state).toBe('failed');
  });

  it('stops listening when unbound', () => {
    const { transport, unbind } = setupStore();
    expect(transport.listenerCount).toBe(1);
    unbind();
    expect(transport.listenerCount).toBe(0);
  });

  it('watchJob calls back once when the job ends, also when it had already ended', () => {
    const { transport, store } = setupStore();
    const seen: string[] = [];
    store.getState().watchJob('job-1', { onSucceeded: (j) => seen.push(`ok ${j.id}`) });
    transport.emit('job:updated', makeJob({ progress: { done: 1, total: 2 } }));
    expect(seen).toEqual([]);
    transport.emit('job:updated', makeJob({ state: 'succeeded' }));
    transport.emit('job:updated', makeJob({ state: 'succeeded' }));
    expect(seen).toEqual(['ok job-1']);
    // Events can beat the response that names the job: watching a finished job settles at once.
    store.getState().watchJob('job-1', { onSucceeded: () => seen.push('late') });
    expect(seen).toEqual(['ok job-1', 'late']);
    const unwatch = store.getState().watchJob('job-2', { onFailed: () => seen.push('failed') });
    unwatch();
    transport.emit('job:updated', makeJob({ id: 'job-2', state: 'failed' }));
    expect(seen).toHaveLength(2);
  });
});
