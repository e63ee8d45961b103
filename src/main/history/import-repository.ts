import type { ImportTask, ImportTaskState } from '../../shared/model/import-task';
import { settled, type SqliteDatabase } from './history-database';
import { createImportRunStore, type ImportRunStore } from './import-run-store';
import { packText, unpackText } from './stored-text';

/** What a new import task records. */
export interface NewImportTask {
  name: string;
  remarks: string;
  destinationPath: string;
  destinationProject: string;
  /** Identifies the destination across tasks: its real path and project identifier. */
  destinationKey: string;
  packagePath: string;
  packageHash: string;
  planPath: string | null;
  /**
   * The plan the task applies, as JSON text (kept verbatim: the report and "import again" read it back). Written
   * once, in its own table: a task's updates never rewrite or read it (see migration 7).
   */
  planJson: string;
  createdAt: string;
}

/** The fields a run changes. */
export interface ImportTaskPatch {
  state?: ImportTaskState;
  startedAt?: string | null;
  finishedAt?: string | null;
  runs?: number;
  error?: string | null;
  rollbackPath?: string | null;
  reportJson?: string | null;
  /** The destination's `states` map when the first run started (JSON), so reruns compute the same entries. */
  statesBefore?: string | null;
  name?: string;
  remarks?: string;
  planJson?: string;
  planPath?: string | null;
  updatedAt: string;
}

/** A task with what only the importer needs. */
export interface StoredImportTask extends ImportTask {
  destinationKey: string;
  /**
   * The plan (JSON text). Read from the database when first used, then kept by this object: a plan of 20,000
   * objects is ~60 MB, and most uses of a task (state changes, lists) do not need it.
   */
  readonly planJson: string;
  statesBefore: string | null;
  /** The report (JSON text) once the task has run; read when first used, like the plan (~17 MB for 20,000 objects). */
  readonly reportJson: string | null;
}

/**
 * Import tasks (with their plan and report) and what their runs record (import-run-store.ts). Async like the rest of
 * the history store.
 */
export interface ImportRepository extends ImportRunStore {
  createTask(task: NewImportTask): Promise<StoredImportTask>;
  getTask(id: number): Promise<StoredImportTask | null>;
  /** Tasks newest first. */
  listTasks(limit: number): Promise<ImportTask[]>;
  updateTask(id: number, patch: ImportTaskPatch): Promise<StoredImportTask>;
  /** Deletes a task with its journal and snapshot (the ledger keeps its rows: they describe the destination). */
  deleteTask(id: number): Promise<void>;
}

interface TaskRow {
  id: number;
  name: string;
  remarks: string;
  state: ImportTaskState;
  destination_path: string;
  destination_project: string;
  destination_key: string;
  package_path: string;
  package_hash: string;
  plan_path: string | null;
  states_before: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  runs: number;
  error: string | null;
  rollback_path: string | null;
}

const toSummary = (row: TaskRow): ImportTask => ({
  id: row.id,
  name: row.name,
  remarks: row.remarks,
  state: row.state,
  destinationPath: row.destination_path,
  destinationProject: row.destination_project,
  packagePath: row.package_path,
  packageHash: row.package_hash,
  planPath: row.plan_path,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  runs: row.runs,
  error: row.error,
  rollbackPath: row.rollback_path,
});

/** Reads a task's large texts when a stored task first needs them. */
interface TaskTexts {
  plan(id: number): string;
  report(id: number): string | null;
}

/**
 * A stored task whose `planJson` and `reportJson` are the ones given (just written), else read on first access,
 * then kept.
 */
function toStored(
  row: TaskRow,
  load: TaskTexts,
  known: { planJson?: string; reportJson?: string | null } = {},
): StoredImportTask {
  let { planJson, reportJson } = known;
  const task = { ...toSummary(row), destinationKey: row.destination_key, statesBefore: row.states_before };
  return Object.defineProperties(task, {
    planJson: { enumerable: true, get: () => (planJson ??= load.plan(row.id)) },
    reportJson: {
      enumerable: true,
      get: () => (reportJson === undefined ? (reportJson = load.report(row.id)) : reportJson),
    },
  }) as StoredImportTask;
}

const patchColumns: Record<Exclude<keyof ImportTaskPatch, never>, string> = {
  state: 'state',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  runs: 'runs',
  error: 'error',
  rollbackPath: 'rollback_path',
  reportJson: 'report_json',
  statesBefore: 'states_before',
  name: 'name',
  remarks: 'remarks',
  planJson: 'plan_json', // not a column of import_task: written to import_task_plan
  planPath: 'plan_path',
  updatedAt: 'updated_at',
};

/** Every column of import_task but `plan_json` and `report_json` (each is read on its own, when needed). */
const TASK_COLUMNS = `id, name, remarks, state, destination_path, destination_project, destination_key, package_path,
  package_hash, plan_path, states_before, created_at, updated_at, started_at, finished_at, runs, error,
  rollback_path`;

/** The import-task store over the history database (migrations 3 and 7). */
export function createImportRepository(db: SqliteDatabase): ImportRepository {
  const insertTask = db.prepare<Omit<NewImportTask, 'planJson'>>(
    `INSERT INTO import_task (name, remarks, state, destination_path, destination_project, destination_key,
       package_path, package_hash, plan_path, plan_json, created_at, updated_at)
     VALUES (@name, @remarks, 'editing', @destinationPath, @destinationProject, @destinationKey,
       @packagePath, @packageHash, @planPath, '', @createdAt, @createdAt)`,
  );
  const upsertPlan = db.prepare<[number, Buffer]>(
    'INSERT INTO import_task_plan (task_id, plan_json) VALUES (?, ?) ON CONFLICT (task_id) DO UPDATE SET plan_json = excluded.plan_json',
  );
  // Tasks created before migration 7 keep their plan in import_task.plan_json.
  const selectPlan = db.prepare<[number], { plan_json: string | Buffer }>(
    `SELECT COALESCE((SELECT plan_json FROM import_task_plan WHERE task_id = t.id), t.plan_json) AS plan_json
     FROM import_task t WHERE t.id = ?`,
  );
  const selectTask = db.prepare<[number], TaskRow>(`SELECT ${TASK_COLUMNS} FROM import_task WHERE id = ?`);
  const selectTasks = db.prepare<[number], TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM import_task ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const deleteTaskRow = db.prepare<[number]>('DELETE FROM import_task WHERE id = ?');
  const deletePlan = db.prepare<[number]>('DELETE FROM import_task_plan WHERE task_id = ?');
  const deleteSnapshot = db.prepare<[number]>('DELETE FROM import_snapshot WHERE task_id = ?');

  const mustGet = (id: number): TaskRow => {
    const row = selectTask.get(id);
    if (!row) throw new Error(`No import task ${id}.`);
    return row;
  };
  const selectReport = db.prepare<[number], { report_json: string | Buffer | null }>(
    'SELECT report_json FROM import_task WHERE id = ?',
  );
  const texts: TaskTexts = {
    plan: (id) => {
      const row = selectPlan.get(id);
      if (!row) throw new Error(`No import task ${id}.`);
      return unpackText(row.plan_json);
    },
    report: (id) => {
      const row = selectReport.get(id);
      if (!row) throw new Error(`No import task ${id}.`);
      return row.report_json === null ? null : unpackText(row.report_json);
    },
  };
  const createTx = db.transaction((task: NewImportTask): number => {
    const { planJson, ...columns } = task;
    const id = Number(insertTask.run(columns).lastInsertRowid);
    upsertPlan.run(id, packText(planJson));
    return id;
  });
  const updateRow = (id: number, patch: ImportTaskPatch): void => {
    const { planJson, ...columns } = patch;
    const { reportJson } = columns;
    const values = {
      ...columns,
      reportJson: typeof reportJson === 'string' ? packText(reportJson) : reportJson,
    };
    const entries = Object.entries(values).filter(([, value]) => value !== undefined);
    const sets = entries.map(([key]) => `${patchColumns[key as keyof ImportTaskPatch]} = @${key}`);
    const { changes } = db
      .prepare(`UPDATE import_task SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...Object.fromEntries(entries), id });
    if (changes === 0) throw new Error(`No import task ${id}.`);
    if (planJson !== undefined) upsertPlan.run(id, packText(planJson));
  };
  // In a transaction only when the plan changes too: an UPDATE inside one keeps a statement journal of the pages it
  // changes (the report of 20,000 objects is ~17 MB), which an UPDATE on its own does not need.
  const updateTx = db.transaction(updateRow);
  const deleteTx = db.transaction((id: number) => {
    deleteSnapshot.run(id);
    deletePlan.run(id);
    deleteTaskRow.run(id);
  });

  return {
    ...createImportRunStore(db),
    createTask(task) {
      return settled(() =>
        toStored(mustGet(createTx(task)), texts, { planJson: task.planJson, reportJson: null }),
      );
    },
    getTask(id) {
      return settled(() => {
        const row = selectTask.get(id);
        return row ? toStored(row, texts) : null;
      });
    },
    listTasks(limit) {
      return settled(() => {
        return selectTasks.all(limit).map(toSummary);
      });
    },
    updateTask(id, patch) {
      return settled(() => {
        if (patch.planJson === undefined) updateRow(id, patch);
        else updateTx(id, patch);
        return toStored(mustGet(id), texts, { planJson: patch.planJson, reportJson: patch.reportJson });
      });
    },
    deleteTask(id) {
      return settled(() => {
        deleteTx(id);
      });
    },
  };
}
