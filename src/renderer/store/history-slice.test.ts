import { describe, expect, it } from 'vitest';
import type { PackageRecord } from '../../shared/model/history';
import { flush, setupStore } from '../test/fake-transport';

const record = (id: number, openedAt: string): PackageRecord => ({
  id,
  path: `/data/p${id}.zip`,
  fileName: `p${id}.zip`,
  size: 100,
  sha256: 'b'.repeat(64),
  entryCount: 2,
  openedAt,
});

describe('history slice', () => {
  it('lists packages newest first', async () => {
    const { store } = setupStore({
      'history:packages': () => [record(1, '2025-01-01T00:00:00Z'), record(2, '2025-03-01T00:00:00Z')],
    });
    await store.getState().loadHistory();
    expect(store.getState().history.records.map((r) => r.id)).toEqual([2, 1]);
  });

  it('re-opens a package from history on the Open package screen', async () => {
    const { transport, store } = setupStore({ 'package:open': () => ({ jobId: 'job-2' }) });
    store.getState().navigate('history');
    await store.getState().reopen(record(1, '2025-01-01T00:00:00Z'));
    await flush();
    expect(store.getState().screen).toBe('open');
    expect(transport.callsOf('package:open')).toEqual([{ path: '/data/p1.zip' }]);
  });

  it('surfaces a failure to load', async () => {
    const { store } = setupStore();
    await store.getState().loadHistory();
    expect(store.getState().history.status).toBe('failed');
  });
});
