import type { FerryClient } from '../../shared/api/client';
import type { ErrorShape } from '../../shared/errors';
import type { InspectionSummary, ObjectFilters, ObjectRow } from '../../shared/model/inspection';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { JobWatch } from './jobs-slice';
import { createPager, emptyPagedList, type PagedList } from './paged-list';

/** Rows per `inspect:objects` call. */
export const objectPageSize = 500;
/** The API's largest page: used to gather ids for "select all" and to fill a tree group in one call. */
export const objectBatchSize = 5000;

export type InspectionStatus = 'idle' | 'starting' | 'running' | 'ready' | 'failed' | 'cancelled';

/**
 * One inspection session as the UI sees it: an `inspect:start` job over a package or workspace folder, its
 * summary (counts feed the filter choices) and its filtered object list, paged for a virtualised table. The Inspect
 * step has one; the Export step has another over the workspace, as the list to pick objects from.
 */
export interface InspectionView {
  source: { path: string; label: string } | null;
  jobId: string | null;
  status: InspectionStatus;
  error: ErrorShape | null;
  summary: InspectionSummary | null;
  filters: ObjectFilters;
  objects: PagedList<ObjectRow>;
}

export function emptyInspectionView(): InspectionView {
  return {
    source: null,
    jobId: null,
    status: 'idle',
    error: null,
    summary: null,
    filters: {},
    objects: emptyPagedList(),
  };
}

export function isInspectionBusy(view: InspectionView): boolean {
  return view.status === 'starting' || view.status === 'running';
}

/** Drops empty values so `{ owner: '' }` means "any owner" and the request stays small. */
export function cleanFilters(filters: ObjectFilters): ObjectFilters {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim() !== '') clean[key] = value.trim();
  }
  return clean;
}

export interface InspectionDriverOptions {
  client: FerryClient;
  read: () => InspectionView;
  write: (next: (view: InspectionView) => InspectionView) => void;
  watchJob: (jobId: string, watch: JobWatch) => () => void;
  /** Runs once the summary is in (the Inspect step loads its problems then). */
  onReady?: () => void;
}

export interface InspectionDriver {
  start: (path: string, label: string) => Promise<void>;
  cancel: () => Promise<void>;
  setFilters: (filters: Partial<ObjectFilters>) => void;
  ensureRange: (first: number, last: number) => void;
  /** Every id matching the current filters, a batch at a time (for "select all"). */
  matchingIds: () => Promise<string[]>;
}

export function createInspectionDriver({
  client,
  read,
  write,
  watchJob,
  onReady,
}: InspectionDriverOptions): InspectionDriver {
  let attempt = 0;
  const pager = createPager<ObjectRow>({
    pageSize: objectPageSize,
    read: () => read().objects,
    write: (next) => write((v) => ({ ...v, objects: next(v.objects) })),
    fetch: async (offset, limit) => {
      const { jobId, filters } = read();
      if (!jobId) return { total: 0, rows: [] };
      const page = await client.call('inspect:objects', {
        jobId,
        offset,
        limit,
        filters: cleanFilters(filters),
      });
      return { total: page.total, rows: page.rows };
    },
  });

  const failedWith = (mine: number, error: ErrorShape) => {
    if (mine === attempt) write((v) => ({ ...v, status: 'failed', error }));
  };
  const failed = (mine: number, error: unknown) => failedWith(mine, asErrorShape(error));

  async function ready(mine: number, jobId: string) {
    try {
      const summary = await client.call('inspect:summary', { jobId });
      if (mine !== attempt) return;
      write((v) => ({ ...v, status: 'ready', summary }));
      pager.reset();
      onReady?.();
    } catch (error) {
      failed(mine, error);
    }
  }

  return {
    async start(path, label) {
      const mine = ++attempt;
      write((v) => ({
        ...emptyInspectionView(),
        objects: emptyPagedList(v.objects.generation + 1),
        source: { path, label },
        status: 'starting',
      }));
      try {
        const { jobId } = await client.call('inspect:start', { path });
        if (mine !== attempt) return;
        write((v) => ({ ...v, jobId, status: 'running' }));
        watchJob(jobId, {
          onSucceeded: () => void ready(mine, jobId),
          // The job's error is already a shape (code + message): keep it as it is.
          onFailed: (job) =>
            failedWith(mine, job.error ?? { code: 'internal', message: job.step || t.inspect.failedTitle }),
          onCancelled: () => {
            if (mine === attempt) write((v) => ({ ...v, status: 'cancelled' }));
          },
        });
      } catch (error) {
        failed(mine, error);
      }
    },
    async cancel() {
      const { jobId, status } = read();
      if (!jobId || status !== 'running') return;
      try {
        await client.call('job:cancel', { jobId });
      } catch (error) {
        write((v) => ({ ...v, error: asErrorShape(error) }));
      }
    },
    setFilters(filters) {
      write((v) => ({ ...v, filters: { ...v.filters, ...filters } }));
      if (read().status === 'ready') pager.reset();
    },
    ensureRange(first, last) {
      if (read().status === 'ready') pager.ensureRange(first, last);
    },
    async matchingIds() {
      const { jobId, filters } = read();
      if (!jobId) return [];
      const ids: string[] = [];
      for (let offset = 0; ; offset += objectBatchSize) {
        const page = await client.call('inspect:objects', {
          jobId,
          offset,
          limit: objectBatchSize,
          filters: cleanFilters(filters),
        });
        for (const row of page.rows) ids.push(row.id);
        if (page.rows.length === 0 || offset + objectBatchSize >= page.total) return ids;
      }
    },
  };
}
