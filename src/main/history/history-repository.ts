import type { PackageRecord } from '../../shared/model/history';
import type { SqliteDatabase } from './history-database';

export type NewPackageRecord = Omit<PackageRecord, 'id'>;

/**
 * The history store. Async on purpose: callers must not depend on SQLite being synchronous, so the
 * database can move to a worker thread without touching them.
 */
export interface HistoryRepository {
  recordPackage(record: NewPackageRecord): Promise<PackageRecord>;
  listPackages(limit: number): Promise<PackageRecord[]>;
  close(): Promise<void>;
}

interface PackageRow {
  id: number;
  path: string;
  file_name: string;
  size: number;
  sha256: string;
  entry_count: number;
  opened_at: string;
}

const toRecord = (row: PackageRow): PackageRecord => ({
  id: row.id,
  path: row.path,
  fileName: row.file_name,
  size: row.size,
  sha256: row.sha256,
  entryCount: row.entry_count,
  openedAt: row.opened_at,
});

export function createHistoryRepository(db: SqliteDatabase): HistoryRepository {
  const insertPackage = db.prepare<[string, string, number, string, number, string]>(
    'INSERT INTO package (path, file_name, size, sha256, entry_count, opened_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectPackages = db.prepare<[number], PackageRow>(
    'SELECT * FROM package ORDER BY opened_at DESC, id DESC LIMIT ?',
  );
  return {
    recordPackage(record) {
      const { lastInsertRowid } = insertPackage.run(
        record.path,
        record.fileName,
        record.size,
        record.sha256,
        record.entryCount,
        record.openedAt,
      );
      return Promise.resolve({ ...record, id: Number(lastInsertRowid) });
    },
    listPackages(limit) {
      return Promise.resolve(selectPackages.all(limit).map(toRecord));
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}
