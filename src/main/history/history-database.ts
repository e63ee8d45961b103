import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FerryError } from '../../shared/errors';
import { migrations as allMigrations, type Migration } from './migrations';

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating if needed) the history database: WAL journal, foreign keys on, and every pending migration
 * applied in its own transaction so a crash mid-upgrade leaves the previous version intact.
 */
export function openHistoryDatabase(file: string, migrations: readonly Migration[] = allMigrations): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new FerryError('io', `${file}: cannot open the history database (${(error as Error).message})`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);
  return db;
}

function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new FerryError(
      'unsupported',
      `${db.name}: the history database is from a newer Ferry (schema ${current}, this build knows ${newest}).`,
    );
  }
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Runs synchronous SQLite work and reports a throw as a rejection: the history stores are async, so callers do not
 * depend on SQLite being synchronous.
 */
export function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
