import type { AssetKind } from '../../shared/model/asset';
import type { ExportType } from '../../shared/model/export';
import type { ExportBaseline, ExportBaselineSummary } from '../../shared/model/export-baseline';
import type { PackageRecord } from '../../shared/model/history';
import type { SqliteDatabase } from './history-database';

export type NewPackageRecord = Omit<PackageRecord, 'id'>;
export type NewExportBaseline = Omit<ExportBaseline, 'id' | 'assetCount'>;

/** Which baseline to start an incremental export from. */
export interface BaselineQuery {
  workspacePath: string;
  projectIdentifier: string;
  /** Only baselines created at or before this ISO time. */
  before?: string;
  /** Only baselines of the whole workspace (full and incremental exports). */
  completeOnly?: boolean;
}

/**
 * The history store. Async on purpose: callers must not depend on SQLite being synchronous, so the
 * database can move to a worker thread without touching them.
 */
export interface HistoryRepository {
  recordPackage(record: NewPackageRecord): Promise<PackageRecord>;
  listPackages(limit: number): Promise<PackageRecord[]>;
  /** Records what a workspace held at an export, in one transaction. */
  recordExportBaseline(baseline: NewExportBaseline): Promise<ExportBaselineSummary>;
  /** The newest baseline matching the query, with its objects; null when there is none. */
  findExportBaseline(query: BaselineQuery): Promise<ExportBaseline | null>;
  /** Baselines newest first, optionally of one workspace folder. */
  listExportBaselines(limit: number, workspacePath?: string): Promise<ExportBaselineSummary[]>;
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

interface BaselineRow {
  id: number;
  workspace_path: string;
  project_identifier: string;
  export_type: string;
  complete: number;
  created_at: string;
  package_id: number | null;
  asset_count: number;
}

interface BaselineAssetRow {
  asset_id: string;
  kind: string;
  name: string;
  entry: string;
  content_hash: string;
  files_hash: string;
}

const toBaselineSummary = (row: BaselineRow): ExportBaselineSummary => ({
  id: row.id,
  workspacePath: row.workspace_path,
  projectIdentifier: row.project_identifier,
  exportType: row.export_type as ExportType,
  complete: row.complete === 1,
  createdAt: row.created_at,
  packageId: row.package_id,
  assetCount: row.asset_count,
});

export function createHistoryRepository(db: SqliteDatabase): HistoryRepository {
  const insertPackage = db.prepare<[string, string, number, string, number, string]>(
    'INSERT INTO package (path, file_name, size, sha256, entry_count, opened_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectPackages = db.prepare<[number], PackageRow>(
    'SELECT * FROM package ORDER BY opened_at DESC, id DESC LIMIT ?',
  );
  const insertBaseline = db.prepare<[string, string, string, number, string, number | null, number]>(
    `INSERT INTO export_baseline (workspace_path, project_identifier, export_type, complete, created_at, package_id, asset_count)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBaselineAsset = db.prepare<[number, string, string, string, string, string, string]>(
    `INSERT INTO export_baseline_asset (baseline_id, asset_id, kind, name, entry, content_hash, files_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectBaselineAssets = db.prepare<[number], BaselineAssetRow>(
    'SELECT asset_id, kind, name, entry, content_hash, files_hash FROM export_baseline_asset WHERE baseline_id = ?',
  );
  const selectBaselines = db.prepare<{ workspace: string | null; limit: number }, BaselineRow>(
    `SELECT * FROM export_baseline WHERE (@workspace IS NULL OR workspace_path = @workspace)
     ORDER BY created_at DESC, id DESC LIMIT @limit`,
  );
  const findBaseline = db.prepare<
    { workspace: string; project: string; before: string | null; completeOnly: number },
    BaselineRow
  >(
    `SELECT * FROM export_baseline
     WHERE workspace_path = @workspace AND project_identifier = @project
       AND (@before IS NULL OR created_at <= @before) AND (@completeOnly = 0 OR complete = 1)
     ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  const recordBaseline = db.transaction((baseline: NewExportBaseline): number => {
    const { lastInsertRowid } = insertBaseline.run(
      baseline.workspacePath,
      baseline.projectIdentifier,
      baseline.exportType,
      baseline.complete ? 1 : 0,
      baseline.createdAt,
      baseline.packageId,
      baseline.assets.length,
    );
    const id = Number(lastInsertRowid);
    for (const a of baseline.assets)
      insertBaselineAsset.run(id, a.id, a.kind, a.name, a.entry, a.contentHash, a.filesHash);
    return id;
  });
  return {
    recordExportBaseline(baseline) {
      const id = recordBaseline(baseline);
      const { assets, ...summary } = baseline;
      return Promise.resolve({ ...summary, id, assetCount: assets.length });
    },
    findExportBaseline(query) {
      const row = findBaseline.get({
        workspace: query.workspacePath,
        project: query.projectIdentifier,
        before: query.before ?? null,
        completeOnly: query.completeOnly ? 1 : 0,
      });
      if (!row) return Promise.resolve(null);
      const assets = selectBaselineAssets.all(row.id).map((a) => ({
        id: a.asset_id,
        kind: a.kind as AssetKind,
        name: a.name,
        entry: a.entry,
        contentHash: a.content_hash,
        filesHash: a.files_hash,
      }));
      return Promise.resolve({ ...toBaselineSummary(row), assets });
    },
    listExportBaselines(limit, workspacePath) {
      return Promise.resolve(
        selectBaselines.all({ workspace: workspacePath ?? null, limit }).map(toBaselineSummary),
      );
    },
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
