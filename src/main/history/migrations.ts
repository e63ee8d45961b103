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
];
