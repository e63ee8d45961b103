import type { ErrorShape } from '../../shared/errors';
import { asErrorShape } from '../lib/as-ferry-error';

/**
 * A long server-side list held as a sparse set of pages, for virtualised tables: only the pages scrolled into view
 * are fetched, so a 20,000-row list costs a few requests of `pageSize` rows. Generic over the row type; each slice
 * keeps one in its state and drives it with {@link createPager}.
 */
export interface PagedList<T> {
  /** Rows matching the current query; null until the first page arrives. */
  total: number | null;
  pages: Record<number, T[]>;
  pending: Record<number, true>;
  error: ErrorShape | null;
  /** Bumped on every reset, so answers for an older query are dropped. */
  generation: number;
}

export function emptyPagedList<T>(generation = 0): PagedList<T> {
  return { total: null, pages: {}, pending: {}, error: null, generation };
}

/** The row at `index`, or undefined while its page is loading. */
export function pagedItemAt<T>(list: PagedList<T>, index: number, pageSize: number): T | undefined {
  return list.pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

/** The pages covering rows first..last (inclusive) that are neither loaded nor on their way. */
export function missingPages<T>(list: PagedList<T>, first: number, last: number, pageSize: number): number[] {
  if (list.total === null || list.error) return [];
  const lastRow = Math.min(last, list.total - 1);
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(0, first) / pageSize); page * pageSize <= lastRow; page++) {
    if (!list.pages[page] && !list.pending[page]) pages.push(page);
  }
  return pages;
}

export interface PagerOptions<T> {
  pageSize: number;
  read: () => PagedList<T>;
  write: (next: (list: PagedList<T>) => PagedList<T>) => void;
  /** Fetches one page of the current query; reads the query itself so a reset is all it takes to change it. */
  fetch: (offset: number, limit: number) => Promise<{ total: number; rows: T[] }>;
}

export interface Pager {
  /** Starts the list again (new query): drops every page and loads the first. */
  reset: (load?: boolean) => void;
  /** Makes sure rows first..last are loaded or on their way. */
  ensureRange: (first: number, last: number) => void;
}

export function createPager<T>({ pageSize, read, write, fetch }: PagerOptions<T>): Pager {
  async function fetchPage(page: number) {
    const { generation } = read();
    write((l) => ({ ...l, pending: { ...l.pending, [page]: true } }));
    try {
      const result = await fetch(page * pageSize, pageSize);
      if (read().generation !== generation) return;
      write((l) => {
        const { [page]: _done, ...pending } = l.pending;
        return { ...l, total: result.total, pages: { ...l.pages, [page]: result.rows }, pending };
      });
    } catch (error) {
      if (read().generation !== generation) return;
      write((l) => {
        const { [page]: _failed, ...pending } = l.pending;
        return { ...l, pending, error: asErrorShape(error) };
      });
    }
  }
  return {
    reset(load = true) {
      write((l) => emptyPagedList<T>(l.generation + 1));
      if (load) void fetchPage(0);
    },
    ensureRange(first, last) {
      for (const page of missingPages(read(), first, last, pageSize)) void fetchPage(page);
    },
  };
}
