import { settled, type SqliteDatabase } from './history-database';

/**
 * What import runs record beside their task (migration 3): the destination snapshot a task started from, the
 * journal of what each run meant to do and did, and the identity ledger of each destination.
 */

export type JournalPhase = 'intended' | 'done' | 'failed';

/** One journal row: what a run meant to do to an object, and then whether it did. `detail` is JSON. */
export interface JournalEntry {
  taskId: number;
  run: number;
  objectId: string;
  phase: JournalPhase;
  detail: string;
  at: string;
}

/** Where an object of a source identity lives in one destination. */
export interface LedgerEntry {
  destinationKey: string;
  sourceId: string;
  objectId: string;
  kind: string;
  /** The object's main file (relative POSIX path in the destination). */
  path: string;
  /** Every file written for it (JSON array of relative paths). */
  files: string[];
  contentHash: string;
  taskId: number | null;
  updatedAt: string;
}

/** The snapshot, journal and ledger of import tasks (see the module comment). */
export interface ImportRunStore {
  /** Replaces the task's snapshot (path -> sha256) in one transaction. */
  saveSnapshot(taskId: number, files: Iterable<readonly [string, string]>): Promise<void>;
  loadSnapshot(taskId: number): Promise<Map<string, string>>;
  hasSnapshot(taskId: number): Promise<boolean>;
  /** Appends journal rows in one transaction (durable before the call resolves). */
  appendJournal(entries: readonly JournalEntry[]): Promise<void>;
  /** The latest row per object of a task. */
  latestJournal(taskId: number): Promise<Map<string, JournalEntry>>;
  /** Every row of a task, oldest first. */
  journal(taskId: number): Promise<JournalEntry[]>;
  findLedger(destinationKey: string, sourceId: string): Promise<LedgerEntry | null>;
  listLedger(destinationKey: string): Promise<LedgerEntry[]>;
  /** Inserts or replaces ledger rows in one transaction. */
  putLedger(entries: readonly LedgerEntry[]): Promise<void>;
  /**
   * Appends journal rows and inserts or replaces ledger rows in one transaction (one commit: an object's `done` row
   * and its ledger row land together or not at all).
   */
  appendJournalWithLedger(entries: readonly JournalEntry[], ledger: readonly LedgerEntry[]): Promise<void>;
}

interface JournalRow {
  task_id: number;
  run: number;
  object_id: string;
  phase: JournalPhase;
  detail: string;
  at: string;
}

const toJournal = (row: JournalRow): JournalEntry => ({
  taskId: row.task_id,
  run: row.run,
  objectId: row.object_id,
  phase: row.phase,
  detail: row.detail,
  at: row.at,
});

interface LedgerRow {
  destination_key: string;
  source_id: string;
  object_id: string;
  kind: string;
  path: string;
  files: string;
  content_hash: string;
  task_id: number | null;
  updated_at: string;
}

const toLedger = (row: LedgerRow): LedgerEntry => ({
  destinationKey: row.destination_key,
  sourceId: row.source_id,
  objectId: row.object_id,
  kind: row.kind,
  path: row.path,
  files: JSON.parse(row.files) as string[],
  contentHash: row.content_hash,
  taskId: row.task_id,
  updatedAt: row.updated_at,
});

export function createImportRunStore(db: SqliteDatabase): ImportRunStore {
  const deleteSnapshot = db.prepare<[number]>('DELETE FROM import_snapshot WHERE task_id = ?');
  const insertSnapshot = db.prepare<[number, string, string]>(
    'INSERT INTO import_snapshot (task_id, path, sha256) VALUES (?, ?, ?)',
  );
  const selectSnapshot = db.prepare<[number], { path: string; sha256: string }>(
    'SELECT path, sha256 FROM import_snapshot WHERE task_id = ?',
  );
  const countSnapshot = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM import_snapshot WHERE task_id = ?',
  );
  const insertJournal = db.prepare<JournalEntry>(
    `INSERT INTO import_journal (task_id, run, object_id, phase, detail, at)
     VALUES (@taskId, @run, @objectId, @phase, @detail, @at)`,
  );
  const selectJournal = db.prepare<[number], JournalRow>(
    'SELECT task_id, run, object_id, phase, detail, at FROM import_journal WHERE task_id = ? ORDER BY id',
  );
  // In index order (task, object, id): the latest row per object without sorting the task's journal (ORDER BY id
  // sorted it in a temporary file, ~20 MB for 20,000 objects).
  const selectLatestJournal = db.prepare<[number], JournalRow>(
    'SELECT task_id, run, object_id, phase, detail, at FROM import_journal WHERE task_id = ? ORDER BY object_id, id',
  );
  const selectLedger = db.prepare<[string, string], LedgerRow>(
    'SELECT * FROM import_ledger WHERE destination_key = ? AND source_id = ?',
  );
  const selectLedgers = db.prepare<[string], LedgerRow>(
    'SELECT * FROM import_ledger WHERE destination_key = ? ORDER BY source_id',
  );
  const upsertLedger = db.prepare<LedgerRow>(
    `INSERT INTO import_ledger (destination_key, source_id, object_id, kind, path, files, content_hash, task_id, updated_at)
     VALUES (@destination_key, @source_id, @object_id, @kind, @path, @files, @content_hash, @task_id, @updated_at)
     ON CONFLICT (destination_key, source_id) DO UPDATE SET object_id = excluded.object_id, kind = excluded.kind,
       path = excluded.path, files = excluded.files, content_hash = excluded.content_hash,
       task_id = excluded.task_id, updated_at = excluded.updated_at`,
  );

  const saveSnapshotTx = db.transaction((taskId: number, files: Iterable<readonly [string, string]>) => {
    deleteSnapshot.run(taskId);
    for (const [file, sha] of files) insertSnapshot.run(taskId, file, sha);
  });
  // Plain loops, run inside one transaction each. Not nested transaction functions: better-sqlite3 runs a nested one
  // as a SAVEPOINT, and SQLite then copies every page the savepoint changes to a statement journal, which spills to a
  // temporary file past 64 KiB (a batch of 512 objects wrote ~13 MB there).
  const insertJournalRows = (entries: readonly JournalEntry[]): void => {
    for (const entry of entries) insertJournal.run(entry);
  };
  const upsertLedgerRows = (entries: readonly LedgerEntry[]): void => {
    for (const e of entries)
      upsertLedger.run({
        destination_key: e.destinationKey,
        source_id: e.sourceId,
        object_id: e.objectId,
        kind: e.kind,
        path: e.path,
        files: JSON.stringify(e.files),
        content_hash: e.contentHash,
        task_id: e.taskId,
        updated_at: e.updatedAt,
      });
  };
  const appendTx = db.transaction(insertJournalRows);
  const ledgerTx = db.transaction(upsertLedgerRows);
  const journalLedgerTx = db.transaction(
    (entries: readonly JournalEntry[], ledger: readonly LedgerEntry[]) => {
      insertJournalRows(entries);
      upsertLedgerRows(ledger);
    },
  );

  return {
    saveSnapshot: (taskId, files) => settled(() => saveSnapshotTx(taskId, files)),
    loadSnapshot: (taskId) =>
      settled(() => new Map(selectSnapshot.all(taskId).map((r) => [r.path, r.sha256] as const))),
    hasSnapshot: (taskId) => settled(() => (countSnapshot.get(taskId)?.n ?? 0) > 0),
    appendJournal: (entries) =>
      settled(() => {
        if (entries.length > 0) appendTx(entries);
      }),
    latestJournal: (taskId) =>
      settled(() => {
        const latest = new Map<string, JournalEntry>();
        for (const row of selectLatestJournal.iterate(taskId)) latest.set(row.object_id, toJournal(row));
        return latest;
      }),
    journal: (taskId) => settled(() => selectJournal.all(taskId).map(toJournal)),
    findLedger: (destinationKey, sourceId) =>
      settled(() => {
        const row = selectLedger.get(destinationKey, sourceId);
        return row ? toLedger(row) : null;
      }),
    listLedger: (destinationKey) => settled(() => selectLedgers.all(destinationKey).map(toLedger)),
    putLedger: (entries) =>
      settled(() => {
        if (entries.length > 0) ledgerTx(entries);
      }),
    appendJournalWithLedger: (entries, ledger) =>
      settled(() => {
        if (entries.length > 0 || ledger.length > 0) journalLedgerTx(entries, ledger);
      }),
  };
}
