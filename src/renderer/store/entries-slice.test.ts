import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../shared/model/package-listing';
import { flush, setupStore } from '../test/fake-transport';
import { entryAt, entryPageSize } from './entries-slice';

const all: ArchiveEntry[] = Array.from({ length: 40_000 }, (_, i) => ({
  name: `nodes/node-${i}.json`,
  isDirectory: false,
  size: i,
  compressedSize: i,
  modifiedAt: null,
  crc32: i,
}));

function entriesHandler({
  offset = 0,
  limit = 500,
  search,
}: {
  offset?: number;
  limit?: number;
  search?: string;
}) {
  const matching = search ? all.filter((e) => e.name.includes(search)) : all;
  return { total: matching.length, entries: matching.slice(offset, offset + limit) };
}

describe('entries slice', () => {
  it('loads the first page, then only the pages scrolled into view', async () => {
    const { transport, store } = setupStore({ 'package:entries': entriesHandler });
    store.getState().resetEntries('job-1');
    await flush();
    expect(store.getState().entries.total).toBe(40_000);

    store.getState().ensureEntryRange(20_010, 20_040);
    store.getState().ensureEntryRange(20_010, 20_040); // already pending: no second request
    await flush();
    const offsets = transport.callsOf('package:entries').map((i) => (i as { offset: number }).offset);
    expect(offsets).toEqual([0, 20_000]);
    expect(entryAt(store.getState().entries, 20_010)?.name).toBe('nodes/node-20010.json');
    expect(entryAt(store.getState().entries, 30_000)).toBeUndefined();
    expect(entryPageSize).toBe(500);
  });

  it('filters by name on the backend and drops answers for an older search', async () => {
    const { transport, store } = setupStore({ 'package:entries': entriesHandler });
    store.getState().resetEntries('job-1');
    store.getState().setEntrySearch('node-3999');
    await flush();
    const { entries } = store.getState();
    expect(entries.search).toBe('node-3999');
    expect(entries.total).toBe(11); // node-3999 and node-39990..39999
    expect(transport.callsOf('package:entries').at(-1)).toMatchObject({ search: 'node-3999', offset: 0 });
  });

  it('surfaces a failed page', async () => {
    const { store } = setupStore({
      'package:entries': () => {
        throw new Error('boom');
      },
    });
    store.getState().resetEntries('job-1');
    await flush();
    expect(store.getState().entries.error).toMatchObject({ code: 'internal' });
  });
});
