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
];
