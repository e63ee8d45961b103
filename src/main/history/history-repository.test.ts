import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryDatabase } from './history-database';
import { createHistoryRepository } from './history-repository';
import { migrations } from './migrations';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-history-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const record = (fileName: string, openedAt: string) => ({
  path: `/packages/${fileName}`,
  fileName,
  size: 1274,
  sha256: 'a'.repeat(64),
  entryCount: 6,
  openedAt,
});

describe('history database', () => {
  it('creates a WAL database file at the latest schema version', () => {
    const file = path.join(dir, 'nested', 'history.db');
    const db = openHistoryDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('keeps packages across reopen and lists them newest first', async () => {
    const file = path.join(dir, 'history.db');
    const first = createHistoryRepository(openHistoryDatabase(file));
    await first.recordPackage(record('old.zip', '2026-01-01T10:00:00.000Z'));
    await first.recordPackage(record('new.zip', '2026-03-01T10:00:00.000Z'));
    await first.close();

    const again = createHistoryRepository(openHistoryDatabase(file));
    const listed = await again.listPackages(10);
    expect(listed.map((p) => p.fileName)).toEqual(['new.zip', 'old.zip']);
    expect(listed[0]).toMatchObject({ size: 1274, entryCount: 6, path: '/packages/new.zip' });
    await again.close();
  });

  it('rolls back a migration that fails, leaving the previous version intact', () => {
    const file = path.join(dir, 'history.db');
    openHistoryDatabase(file).close();
    const broken = [
      ...migrations,
      { version: 99, name: 'broken', sql: 'CREATE TABLE t (x); INSERT INTO nope VALUES (1);' },
    ];
    expect(() => openHistoryDatabase(file, broken)).toThrow(/nope/);
    const db = openHistoryDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer Ferry instead of corrupting it', () => {
    const file = path.join(dir, 'history.db');
    const db = openHistoryDatabase(file);
    db.pragma('user_version = 500');
    db.close();
    expect(() => openHistoryDatabase(file)).toThrow(/newer Ferry/);
  });

  it('is refused by a build from before compressed plans and reports (schema 7), which would misread them', () => {
    const file = path.join(dir, 'history.db');
    openHistoryDatabase(file).close();
    const upToCompression = migrations.filter((m) => m.name !== 'plans and reports stored compressed');
    expect(upToCompression.at(-1)!.version).toBe(7);
    expect(() => openHistoryDatabase(file, upToCompression)).toThrow(
      /newer Ferry \(schema 8, this build knows 7\)/,
    );
  });
});

describe('export baselines', () => {
  const asset = (id: string, filesHash: string) => ({
    id,
    kind: 'node' as const,
    name: `n${id}`,
    entry: `DataStudio/n${id}.schedule.json`,
    contentHash: 'c'.repeat(64),
    filesHash,
  });
  const baseline = (createdAt: string, complete: boolean, packageId: number | null) => ({
    workspacePath: '/ws/dev',
    projectIdentifier: 'retail_dev',
    exportType: complete ? ('full' as const) : ('custom' as const),
    complete,
    createdAt,
    packageId,
    assets: [asset('1', 'a'), asset('2', createdAt)],
  });

  it('migrates a version-1 database and keeps its packages', () => {
    const file = path.join(dir, 'history.db');
    openHistoryDatabase(file, migrations.slice(0, 1)).close();
    const db = openHistoryDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'export_baseline_asset'").get(),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('records baselines with their objects and finds the newest before a date, complete ones only on request', async () => {
    const repo = createHistoryRepository(openHistoryDatabase(path.join(dir, 'history.db')));
    const pkg = await repo.recordPackage(record('full.zip', '2026-01-01T10:00:00.000Z'));
    const first = await repo.recordExportBaseline(baseline('2026-01-01T10:00:00.000Z', true, pkg.id));
    await repo.recordExportBaseline(baseline('2026-02-01T10:00:00.000Z', true, null));
    await repo.recordExportBaseline(baseline('2026-03-01T10:00:00.000Z', false, null));
    expect(first).toMatchObject({ assetCount: 2, packageId: pkg.id, complete: true });

    const query = { workspacePath: '/ws/dev', projectIdentifier: 'retail_dev' };
    expect((await repo.findExportBaseline(query))?.createdAt).toBe('2026-03-01T10:00:00.000Z');
    const latestComplete = await repo.findExportBaseline({ ...query, completeOnly: true });
    expect(latestComplete?.createdAt).toBe('2026-02-01T10:00:00.000Z');
    expect(latestComplete?.assets.find((a) => a.id === '2')).toMatchObject({
      filesHash: '2026-02-01T10:00:00.000Z',
      kind: 'node',
    });
    const beforeFeb = await repo.findExportBaseline({ ...query, before: '2026-01-15T00:00:00.000Z' });
    expect(beforeFeb?.id).toBe(first.id);
    expect(await repo.findExportBaseline({ ...query, before: '2025-12-31T00:00:00.000Z' })).toBeNull();
    expect(await repo.findExportBaseline({ ...query, projectIdentifier: 'other' })).toBeNull();
    expect((await repo.listExportBaselines(10, '/ws/dev')).map((b) => b.createdAt)).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-02-01T10:00:00.000Z',
      '2026-01-01T10:00:00.000Z',
    ]);
    expect(await repo.listExportBaselines(10, '/elsewhere')).toEqual([]);
    await repo.close();
  });
});
