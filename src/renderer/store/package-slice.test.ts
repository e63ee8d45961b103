import { describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors';
import { flush, makeJob, samplePackage, setupStore } from '../test/fake-transport';

const openHandlers = {
  'package:open': () => ({ jobId: 'job-1' }),
  'package:get': () => samplePackage,
  'package:entries': () => ({ total: 0, entries: [] }),
};

describe('package slice: opening a package', () => {
  it('goes starting -> running -> ready as the job reports progress and success', async () => {
    const { transport, store } = setupStore(openHandlers);
    const seen: string[] = [];
    store.subscribe((s) => {
      if (seen[seen.length - 1] !== s.open.status) seen.push(s.open.status);
    });

    const opening = store.getState().openPackage('/data/export.zip');
    expect(store.getState().open).toEqual({ status: 'starting', source: '/data/export.zip' });
    await opening;
    expect(store.getState().open).toMatchObject({ status: 'running', jobId: 'job-1' });

    transport.emit('job:updated', makeJob({ progress: { done: 3, total: 6 } }));
    expect(store.getState().jobs['job-1'].progress).toEqual({ done: 3, total: 6 });
    expect(store.getState().open.status).toBe('running');

    transport.emit('job:updated', makeJob({ state: 'succeeded', progress: { done: 6, total: 6 } }));
    await flush();
    expect(store.getState().open).toEqual({ status: 'ready', jobId: 'job-1', pkg: samplePackage });
    expect(seen).toEqual(['starting', 'running', 'ready']);
    expect(transport.callsOf('package:open')).toEqual([{ path: '/data/export.zip' }]);
    expect(transport.callsOf('package:get')).toEqual([{ jobId: 'job-1' }]);
    // The entries list starts loading for the opened package.
    expect(transport.callsOf('package:entries')[0]).toMatchObject({ jobId: 'job-1', offset: 0 });
  });

  it('handles a job that finished before package:open answered (events can beat the response)', async () => {
    let emitEarly: () => void = () => {};
    const { transport, store } = setupStore({
      ...openHandlers,
      'package:open': () => {
        emitEarly();
        return { jobId: 'job-1' };
      },
    });
    emitEarly = () => transport.emit('job:updated', makeJob({ state: 'succeeded' }));
    await store.getState().openPackage('/data/export.zip');
    await flush();
    expect(store.getState().open.status).toBe('ready');
  });

  it('fetches the result once even if success is reported twice', async () => {
    const { transport, store } = setupStore(openHandlers);
    await store.getState().openPackage('/data/export.zip');
    transport.emit('job:updated', makeJob({ state: 'succeeded' }));
    transport.emit('job:updated', makeJob({ state: 'succeeded' }));
    await flush();
    expect(transport.callsOf('package:get')).toHaveLength(1);
  });

  it('surfaces the job error when reading fails', async () => {
    const { transport, store } = setupStore(openHandlers);
    await store.getState().openPackage('/data/broken.zip');
    const error = {
      code: 'corrupt-archive' as const,
      message: 'broken.zip: the central directory is truncated.',
    };
    transport.emit('job:updated', makeJob({ state: 'failed', error }));
    expect(store.getState().open).toEqual({ status: 'failed', source: '/data/broken.zip', error });
  });

  it('surfaces an error returned by package:open itself', async () => {
    const { store } = setupStore({
      'package:open': () => {
        throw new FerryError('not-found', 'No file at /nope.zip.');
      },
    });
    await store.getState().openPackage('/nope.zip');
    expect(store.getState().open).toEqual({
      status: 'failed',
      source: '/nope.zip',
      error: { code: 'not-found', message: 'No file at /nope.zip.' },
    });
  });

  it('cancels through job:cancel and ends when the job reports cancelled', async () => {
    const { transport, store } = setupStore({ ...openHandlers, 'job:cancel': () => ({ cancelled: true }) });
    await store.getState().openPackage('/data/export.zip');
    await store.getState().cancelOpen();
    expect(transport.callsOf('job:cancel')).toEqual([{ jobId: 'job-1' }]);
    expect(store.getState().open).toMatchObject({ status: 'running', cancelRequested: true });
    transport.emit('job:updated', makeJob({ state: 'cancelled' }));
    expect(store.getState().open).toEqual({ status: 'cancelled', source: '/data/export.zip' });
  });

  it('ignores a second open while one is running', async () => {
    const { transport, store } = setupStore(openHandlers);
    await store.getState().openPackage('/a.zip');
    await store.getState().openPackage('/b.zip');
    expect(transport.callsOf('package:open')).toEqual([{ path: '/a.zip' }]);
  });

  it('opens what the desktop picker returns, and does nothing when the dialog is cancelled', async () => {
    const pick = vi.fn<() => { path: string | null }>().mockReturnValueOnce({ path: null });
    pick.mockReturnValueOnce({ path: '/picked.zip' });
    const { transport, store } = setupStore({ ...openHandlers, 'package:pick': pick });
    await store.getState().pickAndOpen();
    expect(store.getState().open.status).toBe('idle');
    await store.getState().pickAndOpen();
    expect(transport.callsOf('package:open')).toEqual([{ path: '/picked.zip' }]);
  });

  it('uploads in browser mode, then opens the stored copy', async () => {
    const upload = vi.fn(() => Promise.resolve('/tmp/ferry-uploads/export.zip'));
    const { transport, store } = setupStore(openHandlers, upload);
    const file = new File(['PK'], 'export.zip');
    const uploading = store.getState().uploadAndOpen(file);
    expect(store.getState().open).toEqual({ status: 'uploading', source: 'export.zip' });
    await uploading;
    expect(upload).toHaveBeenCalledTimes(1);
    const [sent, options] = upload.mock.calls[0] as unknown as [File, { signal: AbortSignal }];
    expect(sent).toBe(file);
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect(transport.callsOf('package:open')).toEqual([{ path: '/tmp/ferry-uploads/export.zip' }]);
    expect(store.getState().open).toMatchObject({ status: 'running', source: 'export.zip' });
  });

  it('surfaces a failed upload', async () => {
    const upload = () => Promise.reject(new FerryError('io', 'Disk full while storing export.zip.'));
    const { store } = setupStore(openHandlers, upload);
    await store.getState().uploadAndOpen(new File(['PK'], 'export.zip'));
    expect(store.getState().open).toMatchObject({ status: 'failed', error: { code: 'io' } });
  });

  it('turns an answer that breaks the contract into an internal error, not a crash', async () => {
    const { store } = setupStore({ 'package:open': () => ({ nope: true }) as never });
    await store.getState().openPackage('/x.zip');
    expect(store.getState().open).toMatchObject({ status: 'failed', error: { code: 'internal' } });
  });
});
