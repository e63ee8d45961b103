import type { ErrorShape } from '../../shared/errors';
import type {
  InspectionProblem,
  ObjectDetails,
  ObjectFilters,
  ObjectGraph,
  ObjectRow,
  ProblemSeverity,
} from '../../shared/model/inspection';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';
import {
  cleanFilters,
  createInspectionDriver,
  emptyInspectionView,
  objectBatchSize,
  type InspectionView,
} from './inspection-view';
import { createPager, emptyPagedList, type PagedList } from './paged-list';

export const problemPageSize = 500;
/** The tree group of objects that belong to no workflow (data sources, quality rules, ...). */
export const outsideGroupId = 'outside';

/** Tree keys: a group is a workflow id (or {@link outsideGroupId}); a folder is `<group>\u0000<folder>`. */
export function folderKey(group: string, folder: string): string {
  return `${group}\u0000${folder}`;
}
export function isGroupKey(key: string): boolean {
  return !key.includes('\u0000');
}

export interface Loadable<T> {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  data: T | null;
  error: ErrorShape | null;
}

const idle = <T>(): Loadable<T> => ({ status: 'idle', data: null, error: null });

/** One workflow (or the "outside workflows" group) of the tree, filled in one call when first expanded. */
export interface TreeGroup {
  status: 'loading' | 'ready' | 'failed';
  rows: ObjectRow[];
  /** How many objects the group has; more than rows.length when cut at the batch size. */
  total: number;
  error: ErrorShape | null;
}

export interface InspectState extends InspectionView {
  selectedId: string | null;
  detail: Loadable<ObjectDetails>;
  graph: Loadable<ObjectGraph>;
  graphDepth: number;
  problemSeverity: ProblemSeverity | null;
  problems: PagedList<InspectionProblem>;
  /** Tree nodes whose open state differs from the default: groups start closed, folders open. */
  toggled: Record<string, true>;
  groups: Record<string, TreeGroup>;
}

export interface InspectSlice {
  inspect: InspectState;
  /** Starts inspecting a package file or folder; the Inspect step shows it. */
  inspectPackage: (path: string, label: string) => void;
  cancelInspect: () => Promise<void>;
  setObjectFilters: (filters: Partial<ObjectFilters>) => void;
  clearObjectFilters: () => void;
  ensureObjectRange: (first: number, last: number) => void;
  /** Shows one object in the detail pane (with its graph); null closes it. */
  selectObject: (id: string | null) => void;
  setGraphDepth: (depth: number) => void;
  setProblemSeverity: (severity: ProblemSeverity | null) => void;
  ensureProblemRange: (first: number, last: number) => void;
  /** Opens or closes a tree node (see `toggled`); opening a group loads its objects the first time. */
  toggleTreeNode: (key: string) => void;
}

function initialInspect(): InspectState {
  return {
    ...emptyInspectionView(),
    selectedId: null,
    detail: idle(),
    graph: idle(),
    graphDepth: 2,
    problemSeverity: null,
    problems: emptyPagedList(),
    toggled: {},
    groups: {},
  };
}

export const createInspectSlice: SliceCreator<InspectSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: (s: InspectState) => InspectState) => set((s) => ({ inspect: next(s.inspect) }));
    const problems = createPager<InspectionProblem>({
      pageSize: problemPageSize,
      read: () => get().inspect.problems,
      write: (next) => write((s) => ({ ...s, problems: next(s.problems) })),
      fetch: async (offset, limit) => {
        const { jobId, problemSeverity } = get().inspect;
        if (!jobId) return { total: 0, rows: [] };
        const page = await client.call('inspect:problems', {
          jobId,
          offset,
          limit,
          ...(problemSeverity ? { severity: problemSeverity } : {}),
        });
        return { total: page.total, rows: page.problems };
      },
    });
    const driver = createInspectionDriver({
      client,
      read: () => get().inspect,
      write: (next) => write((s) => ({ ...s, ...next(s) })),
      watchJob: (jobId, watch) => get().watchJob(jobId, watch),
      onReady: () => problems.reset(),
    });

    async function loadGroup(key: string) {
      const { jobId, summary } = get().inspect;
      if (!jobId || !summary) return;
      write((s) => ({
        ...s,
        groups: { ...s.groups, [key]: { status: 'loading', rows: [], total: 0, error: null } },
      }));
      try {
        let rows: ObjectRow[] = [];
        let total = 0;
        if (key === outsideGroupId) {
          // The API filters by workflow id but not by "no workflow": ask per kind and keep the loose ones.
          const kinds = Object.keys(summary.counts.byKind).filter((k) => k !== 'workflow');
          for (const kind of kinds) {
            const page = await client.call('inspect:objects', {
              jobId,
              limit: objectBatchSize,
              filters: cleanFilters({ kind: kind as ObjectFilters['kind'] }),
            });
            const loose = page.rows.filter((r) => r.workflowId === null && r.kind !== 'workflow');
            rows = rows.concat(loose);
            total += loose.length;
          }
        } else {
          const page = await client.call('inspect:objects', {
            jobId,
            limit: objectBatchSize,
            filters: { workflowId: key },
          });
          rows = page.rows;
          total = page.total;
        }
        if (get().inspect.jobId !== jobId) return;
        write((s) => ({
          ...s,
          groups: { ...s.groups, [key]: { status: 'ready', rows, total, error: null } },
        }));
      } catch (error) {
        if (get().inspect.jobId !== jobId) return;
        write((s) => ({
          ...s,
          groups: {
            ...s.groups,
            [key]: { status: 'failed', rows: [], total: 0, error: asErrorShape(error) },
          },
        }));
      }
    }

    async function loadSelection(id: string) {
      const { jobId, graphDepth } = get().inspect;
      if (!jobId) return;
      const still = () => get().inspect.selectedId === id && get().inspect.jobId === jobId;
      write((s) => ({
        ...s,
        detail: { status: 'loading', data: s.detail.data, error: null },
        graph: { status: 'loading', data: s.graph.data, error: null },
      }));
      const detail = client.call('inspect:object', { jobId, id }).then(
        (data) => still() && write((s) => ({ ...s, detail: { status: 'ready', data, error: null } })),
        (error: unknown) =>
          still() &&
          write((s) => ({ ...s, detail: { status: 'failed', data: null, error: asErrorShape(error) } })),
      );
      const graph = loadGraph(jobId, id, graphDepth);
      await Promise.all([detail, graph]);
    }

    async function loadGraph(jobId: string, id: string, depth: number) {
      const still = () =>
        get().inspect.selectedId === id &&
        get().inspect.jobId === jobId &&
        get().inspect.graphDepth === depth;
      try {
        const data = await client.call('inspect:graph', { jobId, id, depth });
        if (still()) write((s) => ({ ...s, graph: { status: 'ready', data, error: null } }));
      } catch (error) {
        if (still())
          write((s) => ({ ...s, graph: { status: 'failed', data: null, error: asErrorShape(error) } }));
      }
    }

    return {
      inspect: initialInspect(),
      inspectPackage(path, label) {
        set((s) => ({
          inspect: {
            ...initialInspect(),
            objects: emptyPagedList(s.inspect.objects.generation + 1),
            problems: emptyPagedList(s.inspect.problems.generation + 1),
          },
        }));
        void driver.start(path, label);
      },
      cancelInspect: () => driver.cancel(),
      setObjectFilters: (filters) => driver.setFilters(filters),
      clearObjectFilters() {
        write((s) => ({ ...s, filters: {} }));
        driver.setFilters({});
      },
      ensureObjectRange: (first, last) => driver.ensureRange(first, last),
      selectObject(id) {
        if (id === get().inspect.selectedId) return;
        write((s) => ({ ...s, selectedId: id, detail: idle(), graph: idle() }));
        if (id) void loadSelection(id);
      },
      setGraphDepth(depth) {
        const { selectedId, jobId, graphDepth } = get().inspect;
        if (depth === graphDepth) return;
        write((s) => ({
          ...s,
          graphDepth: depth,
          graph: { status: 'loading', data: s.graph.data, error: null },
        }));
        if (selectedId && jobId) void loadGraph(jobId, selectedId, depth);
      },
      setProblemSeverity(severity) {
        if (severity === get().inspect.problemSeverity) return;
        write((s) => ({ ...s, problemSeverity: severity }));
        problems.reset();
      },
      ensureProblemRange: (first, last) => problems.ensureRange(first, last),
      toggleTreeNode(key) {
        const { toggled, groups } = get().inspect;
        if (toggled[key]) {
          const { [key]: _back, ...rest } = toggled;
          write((s) => ({ ...s, toggled: rest }));
          return;
        }
        write((s) => ({ ...s, toggled: { ...s.toggled, [key]: true } }));
        // A group (not a folder) opening for the first time, or after a failure, loads its objects.
        if (isGroupKey(key) && (!groups[key] || groups[key].status === 'failed')) void loadGroup(key);
      },
    };
  };
