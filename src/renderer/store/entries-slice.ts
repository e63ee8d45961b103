import type { ErrorShape } from '../../shared/errors';
import type { ArchiveEntry } from '../../shared/model/package-listing';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';

/** Rows fetched per `package:entries` call: a few screens' worth, so scrolling rarely waits. */
export const entryPageSize = 500;

/** The entries of the opened package as a sparse list of pages, for a virtualised table. */
export interface EntriesState {
  jobId: string | null;
  search: string;
  /** Entries matching `search`; null until the first page arrives. */
  total: number | null;
  pages: Record<number, ArchiveEntry[]>;
  pending: Record<number, true>;
  error: ErrorShape | null;
  /** Bumped on every reset, so answers for an old package or an old search are dropped. */
  generation: number;
}

export interface EntriesSlice {
  entries: EntriesState;
  /** Starts listing the entries of a finished `package:open` job (null clears the list). */
  resetEntries: (jobId: string | null) => void;
  /** Filters by a substring of the name (the backend does the filtering, over every entry). */
  setEntrySearch: (search: string) => void;
  /** Makes sure rows `first`..`last` (inclusive) are loaded or on their way. */
  ensureEntryRange: (first: number, last: number) => void;
}

/** The entry at `index`, or undefined while its page is loading. */
export function entryAt(entries: EntriesState, index: number): ArchiveEntry | undefined {
  return entries.pages[Math.floor(index / entryPageSize)]?.[index % entryPageSize];
}

export const createEntriesSlice: SliceCreator<EntriesSlice> =
  ({ client }) =>
  (set, get) => {
    async function fetchPage(page: number) {
      const { jobId, search, generation } = get().entries;
      if (!jobId) return;
      set((s) => ({ entries: { ...s.entries, pending: { ...s.entries.pending, [page]: true } } }));
      try {
        const result = await client.call('package:entries', {
          jobId,
          offset: page * entryPageSize,
          limit: entryPageSize,
          ...(search ? { search } : {}),
        });
        if (get().entries.generation !== generation) return;
        set((s) => {
          const { [page]: _done, ...pending } = s.entries.pending;
          return {
            entries: {
              ...s.entries,
              total: result.total,
              pages: { ...s.entries.pages, [page]: result.entries },
              pending,
            },
          };
        });
      } catch (error) {
        if (get().entries.generation !== generation) return;
        set((s) => {
          const { [page]: _failed, ...pending } = s.entries.pending;
          return { entries: { ...s.entries, pending, error: asErrorShape(error) } };
        });
      }
    }

    function reset(jobId: string | null, search: string) {
      set((s) => ({
        entries: {
          jobId,
          search,
          total: null,
          pages: {},
          pending: {},
          error: null,
          generation: s.entries.generation + 1,
        },
      }));
      if (jobId) void fetchPage(0);
    }

    return {
      entries: { jobId: null, search: '', total: null, pages: {}, pending: {}, error: null, generation: 0 },
      resetEntries(jobId) {
        reset(jobId, '');
      },
      setEntrySearch(search) {
        const { jobId, search: current } = get().entries;
        if (search === current) return;
        reset(jobId, search);
      },
      ensureEntryRange(first, last) {
        const { jobId, total, pages, pending, error } = get().entries;
        if (!jobId || error || total === null) return;
        const lastRow = Math.min(last, total - 1);
        for (
          let page = Math.floor(Math.max(0, first) / entryPageSize);
          page * entryPageSize <= lastRow;
          page++
        ) {
          if (!pages[page] && !pending[page]) void fetchPage(page);
        }
      },
    };
  };
