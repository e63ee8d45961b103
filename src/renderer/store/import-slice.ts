import type { MethodOutput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import { importTaskNameSchema } from '../../shared/model/import-task';
import type { ReportObject } from '../../shared/model/report';
import { t } from '../i18n';
import { asErrorShape } from '../lib/as-ferry-error';
import type { SliceCreator } from './ferry-store';
import { createPager, emptyPagedList, type PagedList } from './paged-list';

export type ImportResult = MethodOutput<'import:result'>;
export type TaskRow = MethodOutput<'history:tasks'>[number];
export type ReportFormat = 'html' | 'csv' | 'json';

export const reportPageSize = 200;

/** The naming rule DataWorks applies to import tasks, as the user types: null when the name is fine. */
export function taskNameProblem(name: string): string | null {
  const result = importTaskNameSchema.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? t.importStep.nameInvalid);
}

/** A default task name that passes the rule: import_<yyyyMMdd>_<HHmmss>. */
export function defaultTaskName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `import_${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

export interface ImportState {
  taskName: string;
  remarks: string;
  jobId: string | null;
  taskId: number | null;
  status: 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';
  error: ErrorShape | null;
  result: ImportResult | null;
  /** The plan job the last import applied: a new plan means a new import. */
  planJobId: string | null;
  report: PagedList<ReportObject>;
  downloadError: ErrorShape | null;
}

export interface ImportSlice {
  importFlow: ImportState;
  tasks: { status: 'idle' | 'loading' | 'ready' | 'failed'; rows: TaskRow[]; error: ErrorShape | null };
  setTaskName: (name: string) => void;
  setRemarks: (remarks: string) => void;
  startImport: () => Promise<void>;
  cancelImport: () => Promise<void>;
  /** Runs a task again (failed objects retried, done ones kept), then shows its report here. */
  importAgain: (taskId: number) => Promise<void>;
  /** Shows a finished task's report in the Import step. */
  showTaskReport: (taskId: number) => Promise<void>;
  ensureReportRange: (first: number, last: number) => void;
  /** The report's text in a format, for a download; null when it failed (the error is in `downloadError`). */
  exportReport: (format: ReportFormat) => Promise<string | null>;
  loadTasks: () => Promise<void>;
}

function initialImport(generation = 0): ImportState {
  return {
    taskName: defaultTaskName(),
    remarks: '',
    jobId: null,
    taskId: null,
    status: 'idle',
    error: null,
    result: null,
    planJobId: null,
    report: emptyPagedList(generation),
    downloadError: null,
  };
}

export const createImportSlice: SliceCreator<ImportSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: (s: ImportState) => ImportState) => set((s) => ({ importFlow: next(s.importFlow) }));
    let attempt = 0;

    const report = createPager<ReportObject>({
      pageSize: reportPageSize,
      read: () => get().importFlow.report,
      write: (next) => write((s) => ({ ...s, report: next(s.report) })),
      fetch: async (offset, limit) => {
        const taskId = get().importFlow.taskId;
        if (taskId === null) return { total: 0, rows: [] };
        const page = await client.call('report:objects', { taskId, offset, limit });
        return { total: page.total, rows: page.objects };
      },
    });

    function follow(mine: number, jobId: string) {
      write((s) => ({ ...s, jobId, status: 'running' }));
      get().watchJob(jobId, {
        onSucceeded: () => {
          void (async () => {
            try {
              const result = await client.call('import:result', { jobId });
              if (mine !== attempt) return;
              write((s) => ({ ...s, result, taskId: result.task.id, status: 'done' }));
              report.reset();
              void get().loadTasks();
            } catch (error) {
              if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
            }
          })();
        },
        onFailed: (job) => {
          if (mine !== attempt) return;
          write((s) => ({
            ...s,
            status: 'failed',
            error: job.error ?? { code: 'internal', message: job.step || t.importStep.failed },
          }));
          void get().loadTasks();
        },
        onCancelled: () => {
          if (mine === attempt) write((s) => ({ ...s, status: 'cancelled' }));
          void get().loadTasks();
        },
      });
    }

    return {
      importFlow: initialImport(),
      tasks: { status: 'idle', rows: [], error: null },
      setTaskName(taskName) {
        write((s) => ({ ...s, taskName }));
      },
      setRemarks(remarks) {
        write((s) => ({ ...s, remarks }));
      },
      async startImport() {
        const planJobId = get().plan.jobId;
        const { taskName, remarks } = get().importFlow;
        if (!planJobId || taskNameProblem(taskName)) return;
        const profile = get().plan.revision !== null ? get().mapping.profile : null;
        const mine = ++attempt;
        write((s) => ({
          ...initialImport(s.report.generation + 1),
          taskName,
          remarks,
          planJobId,
          status: 'starting',
        }));
        try {
          const { jobId, taskId } = await client.call('import:start', {
            planJobId,
            taskName,
            remarks,
            ...(profile ? { profile } : {}),
          });
          if (mine !== attempt) return;
          write((s) => ({ ...s, taskId }));
          follow(mine, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async cancelImport() {
        const { jobId, status } = get().importFlow;
        if (!jobId || status !== 'running') return;
        try {
          await client.call('job:cancel', { jobId });
        } catch (error) {
          write((s) => ({ ...s, error: asErrorShape(error) }));
        }
      },
      async importAgain(taskId) {
        const mine = ++attempt;
        write((s) => ({
          ...initialImport(s.report.generation + 1),
          taskName: s.taskName,
          remarks: s.remarks,
          planJobId: get().plan.jobId,
          taskId,
          status: 'starting',
        }));
        try {
          const { jobId } = await client.call('import:again', { taskId });
          if (mine === attempt) follow(mine, jobId);
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, status: 'failed', error: asErrorShape(error) }));
        }
      },
      async showTaskReport(taskId) {
        const mine = ++attempt;
        try {
          const { task, report: head } = await client.call('history:task', { taskId });
          if (mine !== attempt) return;
          write((s) => ({
            ...initialImport(s.report.generation + 1),
            taskName: task.name,
            remarks: task.remarks,
            taskId,
            status: head ? 'done' : 'idle',
            result: head ? { task, report: head } : null,
            planJobId: get().plan.jobId,
          }));
          if (head) report.reset();
        } catch (error) {
          if (mine === attempt) write((s) => ({ ...s, error: asErrorShape(error) }));
        }
      },
      ensureReportRange(first, last) {
        report.ensureRange(first, last);
      },
      async exportReport(format) {
        const taskId = get().importFlow.taskId;
        if (taskId === null) return null;
        try {
          const { content } = await client.call('report:export', { taskId, format });
          write((s) => ({ ...s, downloadError: null }));
          return content ?? null;
        } catch (error) {
          write((s) => ({ ...s, downloadError: asErrorShape(error) }));
          return null;
        }
      },
      async loadTasks() {
        set((s) => ({ tasks: { ...s.tasks, status: 'loading', error: null } }));
        try {
          const rows = await client.call('history:tasks', {});
          set({ tasks: { status: 'ready', rows, error: null } });
        } catch (error) {
          set((s) => ({ tasks: { ...s.tasks, status: 'failed', error: asErrorShape(error) } }));
        }
      },
    };
  };
