import type { MethodInput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import type { ExportPreview, ExportResult, ExportScope, WithDeps } from '../../shared/model/export';
import type { ObjectDetails, ObjectFilters } from '../../shared/model/inspection';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import { baseName, joinPath, safeFileName, timestamp } from '../lib/paths';
import type { SliceCreator } from './ferry-store';
import { createInspectionDriver, emptyInspectionView, type InspectionView } from './inspection-view';
import type { Loadable } from './inspect-slice';

export type ExportMode = 'full' | 'incremental' | 'custom';
/** Incremental since the last export (the recorded baseline) or since a date. */
export type IncrementalBasis = 'last' | 'date';
export type DepsChoice = 'none' | WithDeps;

export type WriteState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; jobId: string; cancelRequested: boolean }
  | { status: 'succeeded'; jobId: string; result: ExportResult }
  | { status: 'failed'; error: ErrorShape }
  | { status: 'cancelled' };

export interface ExportFlow {
  workspacePath: string | null;
  workspaceLabel: string;
  type: ExportMode;
  incremental: IncrementalBasis;
  /** yyyy-mm-dd, for incremental since a date. */
  since: string;
  /** Objects picked by hand (custom), in the order they were picked. */
  selected: string[];
  withDeps: DepsChoice;
  /** The workspace, inspected: the list to pick from and the details behind "view details". */
  catalog: InspectionView;
  /** What the export would package (the queue), from `export:preview`. */
  preview: Loadable<ExportPreview>;
  /** Bumped per preview request; older answers are dropped. */
  previewRequest: number;
  selectingAll: boolean;
  details: { id: string | null } & Loadable<ObjectDetails>;
  packageName: string;
  outputFolder: string;
  overwrite: boolean;
  write: WriteState;
}

export interface ExportSlice {
  exportFlow: ExportFlow;
  /** Starts the Export step on a workspace folder (what `trySamples` and "Export from workspace" do). */
  chooseWorkspace: (path: string, label: string, type?: ExportMode) => void;
  setExportType: (type: ExportMode) => void;
  setIncremental: (basis: IncrementalBasis, since?: string) => void;
  setWithDeps: (deps: DepsChoice) => void;
  toggleSelected: (id: string) => void;
  removeSelected: (id: string) => void;
  clearSelected: () => void;
  /** Picks every object matching the catalog's filters. */
  selectAllMatching: () => Promise<void>;
  setCatalogFilters: (filters: Partial<ObjectFilters>) => void;
  ensureCatalogRange: (first: number, last: number) => void;
  refreshPreview: () => Promise<void>;
  showDetails: (id: string | null) => void;
  setPackageName: (name: string) => void;
  setOutputFolder: (folder: string) => void;
  setOverwrite: (overwrite: boolean) => void;
  writePackage: () => Promise<void>;
  cancelWrite: () => Promise<void>;
  /** Inspects the package just written: the Inspect step. */
  inspectExported: () => void;
}

const idle = <T>(): Loadable<T> => ({ status: 'idle', data: null, error: null });

function initialFlow(): ExportFlow {
  return {
    workspacePath: null,
    workspaceLabel: '',
    type: 'full',
    incremental: 'last',
    since: '',
    selected: [],
    withDeps: 'none',
    catalog: emptyInspectionView(),
    preview: idle(),
    previewRequest: 0,
    selectingAll: false,
    details: { id: null, ...idle() },
    packageName: '',
    outputFolder: '',
    overwrite: false,
    write: { status: 'idle' },
  };
}

/** The export scope the flow describes, or null when it cannot be previewed yet (nothing picked, no date). */
export function scopeOf(flow: ExportFlow): ExportScope | null {
  if (!flow.workspacePath) return null;
  const base = { workspacePath: flow.workspacePath };
  if (flow.type === 'full') return { ...base, type: 'full' };
  if (flow.type === 'incremental') {
    if (flow.incremental === 'last') return { ...base, type: 'incremental' };
    return flow.since ? { ...base, type: 'incremental', since: flow.since } : null;
  }
  if (flow.selected.length === 0) return null;
  return {
    ...base,
    type: 'custom',
    select: { ids: flow.selected },
    ...(flow.withDeps === 'none' ? {} : { withDeps: flow.withDeps }),
  };
}

/** Where the package goes: the output folder and the name, with `.zip` added when missing. */
export function outPathOf(flow: ExportFlow): string | null {
  const name = safeFileName(flow.packageName.replace(/\.zip$/i, ''));
  if (!name || !flow.outputFolder.trim()) return null;
  return joinPath(flow.outputFolder.trim(), `${name}.zip`);
}

export function isWriting(flow: ExportFlow): boolean {
  return flow.write.status === 'starting' || flow.write.status === 'running';
}

export const createExportSlice: SliceCreator<ExportSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: (f: ExportFlow) => ExportFlow) => set((s) => ({ exportFlow: next(s.exportFlow) }));
    const catalog = createInspectionDriver({
      client,
      read: () => get().exportFlow.catalog,
      write: (next) => write((f) => ({ ...f, catalog: next(f.catalog) })),
      watchJob: (jobId, watch) => get().watchJob(jobId, watch),
    });
    let writeAttempt = 0;

    const changed = (next: (f: ExportFlow) => ExportFlow) => {
      write(next);
      void get().refreshPreview();
    };

    async function finishWrite(mine: number, jobId: string) {
      try {
        const result = await client.call('export:result', { jobId });
        if (mine !== writeAttempt) return;
        write((f) => ({ ...f, write: { status: 'succeeded', jobId, result } }));
        void get().loadHistory();
      } catch (error) {
        if (mine === writeAttempt)
          write((f) => ({ ...f, write: { status: 'failed', error: asErrorShape(error) } }));
      }
    }

    return {
      exportFlow: initialFlow(),
      chooseWorkspace(path, label, type = 'full') {
        const folder = get().info?.userDataDir ?? '';
        set({
          exportFlow: {
            ...initialFlow(),
            workspacePath: path,
            workspaceLabel: label,
            type,
            packageName: `${safeFileName(baseName(path)) || 'workspace'}-${timestamp(new Date())}`,
            outputFolder: folder,
          },
        });
        void catalog.start(path, label);
        void get().refreshPreview();
      },
      setExportType: (type) => changed((f) => ({ ...f, type })),
      setIncremental: (incremental, since) =>
        changed((f) => ({ ...f, incremental, since: since ?? f.since })),
      setWithDeps: (withDeps) => changed((f) => ({ ...f, withDeps })),
      toggleSelected: (id) =>
        changed((f) => ({
          ...f,
          selected: f.selected.includes(id) ? f.selected.filter((s) => s !== id) : [...f.selected, id],
        })),
      removeSelected: (id) => changed((f) => ({ ...f, selected: f.selected.filter((s) => s !== id) })),
      clearSelected: () => changed((f) => ({ ...f, selected: [] })),
      async selectAllMatching() {
        write((f) => ({ ...f, selectingAll: true }));
        try {
          const ids = await catalog.matchingIds();
          changed((f) => {
            const have = new Set(f.selected);
            return {
              ...f,
              selectingAll: false,
              selected: [...f.selected, ...ids.filter((id) => !have.has(id))],
            };
          });
        } catch (error) {
          write((f) => ({
            ...f,
            selectingAll: false,
            catalog: { ...f.catalog, error: asErrorShape(error) },
          }));
        }
      },
      setCatalogFilters: (filters) => catalog.setFilters(filters),
      ensureCatalogRange: (first, last) => catalog.ensureRange(first, last),
      async refreshPreview() {
        const scope = scopeOf(get().exportFlow);
        const request = get().exportFlow.previewRequest + 1;
        if (!scope) {
          write((f) => ({ ...f, previewRequest: request, preview: idle() }));
          return;
        }
        write((f) => ({
          ...f,
          previewRequest: request,
          preview: { status: 'loading', data: f.preview.data, error: null },
        }));
        try {
          const data = await client.call('export:preview', scope);
          if (get().exportFlow.previewRequest === request)
            write((f) => ({ ...f, preview: { status: 'ready', data, error: null } }));
        } catch (error) {
          if (get().exportFlow.previewRequest === request)
            write((f) => ({ ...f, preview: { status: 'failed', data: null, error: asErrorShape(error) } }));
        }
      },
      showDetails(id) {
        const jobId = get().exportFlow.catalog.jobId;
        if (!id || !jobId) {
          write((f) => ({ ...f, details: { id: null, ...idle() } }));
          return;
        }
        write((f) => ({ ...f, details: { id, status: 'loading', data: null, error: null } }));
        client.call('inspect:object', { jobId, id }).then(
          (data) => {
            if (get().exportFlow.details.id === id)
              write((f) => ({ ...f, details: { id, status: 'ready', data, error: null } }));
          },
          (error: unknown) => {
            if (get().exportFlow.details.id === id)
              write((f) => ({
                ...f,
                details: { id, status: 'failed', data: null, error: asErrorShape(error) },
              }));
          },
        );
      },
      setPackageName: (packageName) => write((f) => ({ ...f, packageName })),
      setOutputFolder: (outputFolder) => write((f) => ({ ...f, outputFolder })),
      setOverwrite: (overwrite) => write((f) => ({ ...f, overwrite })),
      async writePackage() {
        const flow = get().exportFlow;
        const scope = scopeOf(flow);
        const outPath = outPathOf(flow);
        if (!scope || !outPath || isWriting(flow)) return;
        const mine = ++writeAttempt;
        write((f) => ({ ...f, write: { status: 'starting' } }));
        try {
          const input: MethodInput<'export:start'> = { ...scope, outPath, overwrite: flow.overwrite };
          const { jobId } = await client.call('export:start', input);
          if (mine !== writeAttempt) return;
          write((f) => ({ ...f, write: { status: 'running', jobId, cancelRequested: false } }));
          get().watchJob(jobId, {
            onSucceeded: () => void finishWrite(mine, jobId),
            onFailed: (job) => {
              if (mine !== writeAttempt) return;
              const error = job.error ?? {
                code: 'internal' as const,
                message: job.step || t.exportStep.failedTitle,
              };
              write((f) => ({ ...f, write: { status: 'failed', error } }));
            },
            onCancelled: () => {
              if (mine === writeAttempt) write((f) => ({ ...f, write: { status: 'cancelled' } }));
            },
          });
        } catch (error) {
          if (mine === writeAttempt)
            write((f) => ({ ...f, write: { status: 'failed', error: asErrorShape(error) } }));
        }
      },
      async cancelWrite() {
        const state = get().exportFlow.write;
        if (state.status !== 'running' || state.cancelRequested) return;
        write((f) => ({ ...f, write: { ...state, cancelRequested: true } }));
        try {
          await client.call('job:cancel', { jobId: state.jobId });
        } catch {
          write((f) =>
            f.write.status === 'running' ? { ...f, write: { ...state, cancelRequested: false } } : f,
          );
        }
      },
      inspectExported() {
        const state = get().exportFlow.write;
        if (state.status !== 'succeeded') return;
        get().inspectPackage(state.result.path, baseName(state.result.path));
        get().navigate('inspect');
      },
    };
  };
