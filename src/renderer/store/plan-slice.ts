import type { ErrorShape } from '../../shared/errors';
import type { DryRunRule, DryRunSettings } from '../../shared/model/mapping-profile';
import type { ObjectRow } from '../../shared/model/inspection';
import type { PlanDiff, PlanHead, PlanObjectFilters, PlanObjectRow } from '../../shared/model/plan-session';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';
import { createPager, emptyPagedList, type PagedList } from './paged-list';

export const planPageSize = 200;
export const nodePageSize = 500;

/** What `dryrun:preview` said about the current dry-run settings. */
export interface DryRunPreview {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  marked: string[];
  unknownIds: string[];
  perRule: number[];
  error: ErrorShape | null;
}

export interface PlanState {
  jobId: string | null;
  status: 'idle' | 'starting' | 'running' | 'ready' | 'failed' | 'cancelled';
  error: ErrorShape | null;
  head: PlanHead | null;
  /** The mapping revision the plan was made from (null for a plan opened from a file). */
  revision: number | null;
  filters: PlanObjectFilters;
  objects: PagedList<PlanObjectRow>;
  diffFor: string | null;
  diff: { status: 'idle' | 'loading' | 'ready' | 'failed'; data: PlanDiff | null; error: ErrorShape | null };
  savePath: string;
  savedPath: string | null;
  saveError: ErrorShape | null;
}

export interface PlanSlice {
  dryRun: DryRunPreview;
  /** The package's nodes for marking one by one (from the Inspect job), searchable. */
  dryRunNodes: { search: string; list: PagedList<ObjectRow> };
  plan: PlanState;
  setDryRun: (edit: (d: DryRunSettings) => void) => void;
  toggleDryRunNode: (id: string, marked: boolean) => void;
  markVisibleNodes: (marked: boolean) => void;
  addDryRunRule: (rule: DryRunRule) => void;
  removeDryRunRule: (index: number) => void;
  previewDryRun: () => Promise<void>;
  setNodeSearch: (search: string) => void;
  ensureNodeRange: (first: number, last: number) => void;
  createPlan: () => Promise<void>;
  openPlanFile: (path: string) => Promise<void>;
  cancelPlan: () => Promise<void>;
  setPlanFilters: (filters: Partial<PlanObjectFilters>) => void;
  ensurePlanRange: (first: number, last: number) => void;
  showDiff: (assetId: string | null) => Promise<void>;
  setSavePath: (path: string) => void;
  savePlan: () => Promise<void>;
}

function initialPlan(generation = 0): PlanState {
  return {
    jobId: null,
    status: 'idle',
    error: null,
    head: null,
    revision: null,
    filters: {},
    objects: emptyPagedList(generation),
    diffFor: null,
    diff: { status: 'idle', data: null, error: null },
    savePath: '',
    savedPath: null,
    saveError: null,
  };
}

/** Drops empty filter values so "any" is no key at all. */
function cleanPlanFilters(filters: PlanObjectFilters): PlanObjectFilters {
  const clean: PlanObjectFilters = {};
  if (filters.action) clean.action = filters.action;
  if (filters.kind) clean.kind = filters.kind;
  if (filters.wave !== undefined) clean.wave = filters.wave;
  if (filters.dryRun !== undefined) clean.dryRun = filters.dryRun;
  if (filters.codeChanged !== undefined) clean.codeChanged = filters.codeChanged;
  if (filters.search?.trim()) clean.search = filters.search.trim();
  return clean;
}

export const createPlanSlice: SliceCreator<PlanSlice> =
  ({ client }) =>
  (set, get) => {
    const writePlan = (next: (p: PlanState) => PlanState) => set((s) => ({ plan: next(s.plan) }));
    let attempt = 0;
    let dryRunAttempt = 0;

    const objects = createPager<PlanObjectRow>({
      pageSize: planPageSize,
      read: () => get().plan.objects,
      write: (next) => writePlan((p) => ({ ...p, objects: next(p.objects) })),
      fetch: async (offset, limit) => {
        const { jobId, filters } = get().plan;
        if (!jobId) return { total: 0, rows: [] };
        const page = await client.call('plan:objects', {
          jobId,
          offset,
          limit,
          filters: cleanPlanFilters(filters),
        });
        return { total: page.total, rows: page.objects };
      },
    });

    const nodes = createPager<ObjectRow>({
      pageSize: nodePageSize,
      read: () => get().dryRunNodes.list,
      write: (next) => set((s) => ({ dryRunNodes: { ...s.dryRunNodes, list: next(s.dryRunNodes.list) } })),
      fetch: async (offset, limit) => {
        const jobId = get().inspect.jobId;
        if (!jobId) return { total: 0, rows: [] };
        const search = get().dryRunNodes.search.trim();
        const page = await client.call('inspect:objects', {
          jobId,
          offset,
          limit,
          filters: { kind: 'node', ...(search ? { search } : {}) },
        });
        return { total: page.total, rows: page.rows };
      },
    });

    function followPlan(mine: number, jobId: string) {
      writePlan((p) => ({ ...p, jobId, status: 'running' }));
      get().watchJob(jobId, {
        onSucceeded: () => {
          void (async () => {
            try {
              const head = await client.call('plan:summary', { jobId });
              if (mine !== attempt) return;
              writePlan((p) => ({ ...p, head, status: 'ready' }));
              objects.reset();
            } catch (error) {
              if (mine === attempt)
                writePlan((p) => ({ ...p, status: 'failed', error: asErrorShape(error) }));
            }
          })();
        },
        onFailed: (job) => {
          if (mine === attempt)
            writePlan((p) => ({
              ...p,
              status: 'failed',
              error: job.error ?? { code: 'internal', message: job.step || t.preview.failed },
            }));
        },
        onCancelled: () => {
          if (mine === attempt) writePlan((p) => ({ ...p, status: 'cancelled' }));
        },
      });
    }

    return {
      dryRun: { status: 'idle', marked: [], unknownIds: [], perRule: [], error: null },
      dryRunNodes: { search: '', list: emptyPagedList() },
      plan: initialPlan(),
      setDryRun(edit) {
        get().editProfile((p) => edit(p.dryRun));
        void get().previewDryRun();
      },
      toggleDryRunNode(id, marked) {
        get().setDryRun((d) => {
          d.nodes = marked ? [...new Set([...d.nodes, id])] : d.nodes.filter((n) => n !== id);
        });
      },
      markVisibleNodes(marked) {
        const { list } = get().dryRunNodes;
        const ids = Object.values(list.pages)
          .flat()
          .map((r) => r.id);
        get().setDryRun((d) => {
          d.nodes = marked ? [...new Set([...d.nodes, ...ids])] : d.nodes.filter((n) => !ids.includes(n));
        });
      },
      addDryRunRule(rule) {
        get().setDryRun((d) => {
          d.rules = [...d.rules, rule];
        });
      },
      removeDryRunRule(index) {
        get().setDryRun((d) => {
          d.rules = d.rules.filter((_, i) => i !== index);
        });
      },
      async previewDryRun() {
        const packagePath = get().mapping.packagePath;
        const profile = get().mapping.profile;
        if (!packagePath || !profile) return;
        const mine = ++dryRunAttempt;
        set((s) => ({ dryRun: { ...s.dryRun, status: 'loading', error: null } }));
        try {
          const result = await client.call('dryrun:preview', { packagePath, dryRun: profile.dryRun });
          if (mine !== dryRunAttempt) return;
          const perRule = profile.dryRun.rules.map(
            (_, i) => result.perRule.find((r) => r.index === i)?.count ?? 0,
          );
          set({
            dryRun: {
              status: 'ready',
              marked: result.marked,
              unknownIds: result.unknownIds,
              perRule,
              error: null,
            },
          });
        } catch (error) {
          if (mine === dryRunAttempt)
            set((s) => ({ dryRun: { ...s.dryRun, status: 'failed', error: asErrorShape(error) } }));
        }
      },
      setNodeSearch(search) {
        set((s) => ({ dryRunNodes: { ...s.dryRunNodes, search } }));
        nodes.reset();
      },
      ensureNodeRange(first, last) {
        if (
          get().dryRunNodes.list.total === null &&
          Object.keys(get().dryRunNodes.list.pending).length === 0
        ) {
          nodes.reset();
          return;
        }
        nodes.ensureRange(first, last);
      },
      async createPlan() {
        const { packagePath, destinationPath, sourceWorkspacePath, profile, revision } = get().mapping;
        if (!packagePath || !profile) return;
        const mine = ++attempt;
        set((s) => ({
          plan: { ...initialPlan(s.plan.objects.generation + 1), status: 'starting', revision },
        }));
        try {
          const { jobId } = await client.call('plan:create', {
            packagePath,
            destinationPath: destinationPath.trim(),
            profile,
            ...(sourceWorkspacePath ? { sourceWorkspacePath } : {}),
          });
          if (mine === attempt) followPlan(mine, jobId);
        } catch (error) {
          if (mine === attempt) writePlan((p) => ({ ...p, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async openPlanFile(path) {
        const mine = ++attempt;
        set((s) => ({ plan: { ...initialPlan(s.plan.objects.generation + 1), status: 'starting' } }));
        try {
          const { jobId } = await client.call('plan:open', { path });
          if (mine === attempt) followPlan(mine, jobId);
        } catch (error) {
          if (mine === attempt) writePlan((p) => ({ ...p, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async cancelPlan() {
        const { jobId, status } = get().plan;
        if (!jobId || status !== 'running') return;
        try {
          await client.call('job:cancel', { jobId });
        } catch (error) {
          writePlan((p) => ({ ...p, error: asErrorShape(error) }));
        }
      },
      setPlanFilters(filters) {
        writePlan((p) => ({ ...p, filters: { ...p.filters, ...filters } }));
        if (get().plan.status === 'ready') objects.reset();
      },
      ensurePlanRange(first, last) {
        if (get().plan.status === 'ready') objects.ensureRange(first, last);
      },
      async showDiff(assetId) {
        const jobId = get().plan.jobId;
        writePlan((p) => ({
          ...p,
          diffFor: assetId,
          diff: { status: assetId ? 'loading' : 'idle', data: null, error: null },
        }));
        if (!assetId || !jobId) return;
        try {
          const data = await client.call('plan:diff', { jobId, assetId });
          if (get().plan.diffFor === assetId)
            writePlan((p) => ({ ...p, diff: { status: 'ready', data, error: null } }));
        } catch (error) {
          if (get().plan.diffFor === assetId)
            writePlan((p) => ({ ...p, diff: { status: 'failed', data: null, error: asErrorShape(error) } }));
        }
      },
      setSavePath(path) {
        writePlan((p) => ({ ...p, savePath: path }));
      },
      async savePlan() {
        const { jobId, savePath } = get().plan;
        if (!jobId || !savePath.trim()) return;
        try {
          const { path } = await client.call('plan:save', { jobId, path: savePath.trim() });
          writePlan((p) => ({ ...p, savedPath: path, saveError: null }));
        } catch (error) {
          writePlan((p) => ({ ...p, saveError: asErrorShape(error) }));
        }
      },
    };
  };
