/**
 * Numbered schema migrations, applied in order, each in its own transaction, recorded in PRAGMA user_version.
 * Never edit a migration that has shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'opened packages',
    sql: `
      CREATE TABLE package (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        entry_count INTEGER NOT NULL,
        opened_at TEXT NOT NULL
      );
      CREATE INDEX package_opened_at ON package (opened_at DESC, id DESC);
    `,
  },
  {
    version: 2,
    name: 'export baselines',
    // One row per export, one row per object it saw. Objects are keyed by asset id within a baseline; the
    // workspace is its real path plus project identifier (a copied folder is another workspace).
    sql: `
      CREATE TABLE export_baseline (
        id INTEGER PRIMARY KEY,
        workspace_path TEXT NOT NULL,
        project_identifier TEXT NOT NULL,
        export_type TEXT NOT NULL,
        complete INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        package_id INTEGER REFERENCES package (id) ON DELETE SET NULL,
        asset_count INTEGER NOT NULL
      );
      CREATE INDEX export_baseline_workspace
        ON export_baseline (workspace_path, project_identifier, created_at DESC, id DESC);
      CREATE TABLE export_baseline_asset (
        baseline_id INTEGER NOT NULL REFERENCES export_baseline (id) ON DELETE CASCADE,
        asset_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        entry TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        files_hash TEXT NOT NULL,
        PRIMARY KEY (baseline_id, asset_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'import tasks, journal, identity ledger',
    // A task applies one saved plan to one destination; its runs (first run, resumes, "import again") write the
    // journal, a row before (intended) and after (done/failed) each object. The snapshot is the destination's file
    // manifest when the first run started, so a resume can tell our own writes from someone else's. The ledger maps a
    // source identity to the destination object per destination (real path + project identifier), across tasks.
    sql: `
      CREATE TABLE import_task (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        remarks TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('editing', 'importing', 'completed', 'partially-completed', 'import-failed')),
        destination_path TEXT NOT NULL,
        destination_project TEXT NOT NULL,
        destination_key TEXT NOT NULL,
        package_path TEXT NOT NULL,
        package_hash TEXT NOT NULL,
        plan_path TEXT,
        plan_json TEXT NOT NULL,
        report_json TEXT,
        states_before TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        runs INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        rollback_path TEXT
      );
      CREATE INDEX import_task_created ON import_task (created_at DESC, id DESC);
      CREATE INDEX import_task_destination ON import_task (destination_key, state);
      CREATE TABLE import_snapshot (
        task_id INTEGER NOT NULL REFERENCES import_task (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (task_id, path)
      ) WITHOUT ROWID;
      CREATE TABLE import_journal (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES import_task (id) ON DELETE CASCADE,
        run INTEGER NOT NULL,
        object_id TEXT NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('intended', 'done', 'failed')),
        detail TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX import_journal_object ON import_journal (task_id, object_id, id);
      CREATE TABLE import_ledger (
        destination_key TEXT NOT NULL,
        source_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        files TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        task_id INTEGER REFERENCES import_task (id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (destination_key, source_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'mapping profiles',
    // Named profiles the user saved (one row per name), and the profiles plans were made with, kept by their hash so
    // a saved plan file can be imported later, in another process, with exactly the profile it was previewed with.
    sql: `
      CREATE TABLE mapping_profile (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT,
        source_project TEXT NOT NULL,
        destination_project TEXT NOT NULL,
        profile_json TEXT NOT NULL,
        profile_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE plan_profile (
        hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        profile_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'OSS uploads',
    // One row per multipart upload, one row per part the server confirmed. Enough to resume after a restart (the
    // file's size, mtime and fingerprint say whether it is still the same file); no secret and no pre-signed URL (it
    // carries the access key id): only the credential source and the key id's last 4 characters.
    sql: `
      CREATE TABLE upload (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('uploading', 'paused', 'failed', 'completed', 'cancelled')),
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        file_mtime_ms REAL NOT NULL,
        file_fingerprint TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        region TEXT NOT NULL,
        path_style INTEGER NOT NULL,
        bucket TEXT NOT NULL,
        object_key TEXT NOT NULL,
        s3_upload_id TEXT,
        part_size INTEGER NOT NULL,
        part_count INTEGER NOT NULL,
        parallel INTEGER NOT NULL,
        credential_source TEXT NOT NULL,
        access_key_hint TEXT,
        etag TEXT,
        error TEXT,
        url_expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        completed_at TEXT
      );
      CREATE INDEX upload_created ON upload (created_at DESC);
      CREATE TABLE upload_part (
        upload_id TEXT NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        md5 TEXT NOT NULL,
        PRIMARY KEY (upload_id, part_number)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'DataWorks cloud imports',
    // One row per CreateImportMigration hand-off, one row per state first seen (CREATING, INIT, IMPORTING, ... and
    // Ferry's CANCELLED/FAILED). No secret: the credential source and the key id's last 4 characters; a package URL
    // is kept without its query string (a pre-signed link carries the key id and signature).
    sql: `
      CREATE TABLE cloud_import (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        project_id INTEGER NOT NULL,
        region TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        package_kind TEXT NOT NULL CHECK (package_kind IN ('file', 'url')),
        package_ref TEXT NOT NULL,
        migration_id TEXT,
        state TEXT NOT NULL,
        credential_source TEXT NOT NULL,
        access_key_hint TEXT,
        summary_json TEXT,
        steps_json TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX cloud_import_created ON cloud_import (created_at DESC);
      CREATE TABLE cloud_import_state (
        import_id TEXT NOT NULL REFERENCES cloud_import (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (import_id, seq)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'import task plans in their own table',
    // A plan of 20,000 objects is ~60 MB of JSON. Kept in import_task it was rewritten with the row on every state
    // change of the task (SQLite rewrites a whole row on UPDATE) and read back with it. A task created from now on
    // writes its plan here once, and import_task.plan_json stays ''; tasks created before keep theirs in import_task
    // (the repository reads this table first, then falls back).
    sql: `
      CREATE TABLE import_task_plan (
        task_id INTEGER PRIMARY KEY REFERENCES import_task (id) ON DELETE CASCADE,
        plan_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'plans and reports stored compressed',
    // No schema change: from now on import_task_plan.plan_json and import_task.report_json hold gzip BLOBs
    // (stored-text.ts), which a build that knows only version 7 would misread; this version makes it refuse the
    // database as one from a newer Ferry instead. Rows written before stay plain TEXT and are read as they are.
    sql: `SELECT 1;`,
  },
];
