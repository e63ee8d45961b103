import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryDatabase, type SqliteDatabase } from './history-database';
import { createImportRepository, type ImportRepository } from './import-repository';

let dir: string;
let db: SqliteDatabase;
let repo: ImportRepository;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-import-repo-'));
  db = openHistoryDatabase(path.join(dir, 'history.db'));
  repo = createImportRepository(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const newTask = {
  name: 'retail.to_prod_1',
  remarks: 'first try',
  destinationPath: '/ws/prod',
  destinationProject: 'retail_prod',
  destinationKey: '/ws/prod#retail_prod',
  packagePath: '/pkg/dev.zip',
  packageHash: 'p'.repeat(64),
  planPath: null,
  planJson: '{"objects":[]}',
  createdAt: '2024-07-01T10:00:00.000Z',
};

describe('import repository', () => {
  it('creates, updates, lists and deletes tasks', async () => {
    const task = await repo.createTask(newTask);
    expect(task).toMatchObject({ name: 'retail.to_prod_1', state: 'editing', runs: 0, startedAt: null });
    const updated = await repo.updateTask(task.id, {
      state: 'importing',
      runs: 1,
      startedAt: '2024-07-01T10:01:00.000Z',
      updatedAt: '2024-07-01T10:01:00.000Z',
    });
    expect(updated).toMatchObject({ state: 'importing', runs: 1, startedAt: '2024-07-01T10:01:00.000Z' });
    expect((await repo.listTasks(10)).map((t) => t.id)).toEqual([task.id]);
    await repo.saveSnapshot(task.id, [['a.json', 'x']]);
    await repo.appendJournal([
      { taskId: task.id, run: 1, objectId: 'n1', phase: 'intended', detail: '{}', at: 't' },
    ]);
    await repo.deleteTask(task.id);
    expect(await repo.getTask(task.id)).toBeNull();
    expect(await repo.hasSnapshot(task.id)).toBe(false);
    expect(await repo.journal(task.id)).toEqual([]);
  });

  it('rejects a state the schema does not know', async () => {
    const task = await repo.createTask(newTask);
    await expect(repo.updateTask(task.id, { state: 'bogus' as never, updatedAt: 't' })).rejects.toThrow(
      /CHECK constraint/,
    );
  });

  it('keeps the latest journal row per object and a replaceable snapshot', async () => {
    const task = await repo.createTask(newTask);
    const row = (objectId: string, phase: 'intended' | 'done' | 'failed') => ({
      taskId: task.id,
      run: 1,
      objectId,
      phase,
      detail: '{}',
      at: 't',
    });
    await repo.appendJournal([
      row('a', 'intended'),
      row('a', 'done'),
      row('b', 'intended'),
      row('b', 'failed'),
    ]);
    const latest = await repo.latestJournal(task.id);
    expect(latest.get('a')?.phase).toBe('done');
    expect(latest.get('b')?.phase).toBe('failed');
    expect(await repo.journal(task.id)).toHaveLength(4);
    await repo.saveSnapshot(task.id, [
      ['x', '1'],
      ['y', '2'],
    ]);
    await repo.saveSnapshot(task.id, [['z', '3']]);
    expect([...(await repo.loadSnapshot(task.id))]).toEqual([['z', '3']]);
  });

  it('upserts ledger rows per destination and source identity', async () => {
    const entry = {
      destinationKey: 'd',
      sourceId: 's1',
      objectId: 's1',
      kind: 'node',
      path: 'DataStudio/a/a.schedule.json',
      files: ['DataStudio/a/a.schedule.json', 'DataStudio/a/a.sql'],
      contentHash: 'h1',
      taskId: null,
      updatedAt: 't1',
    };
    await repo.putLedger([entry]);
    await repo.putLedger([{ ...entry, contentHash: 'h2', updatedAt: 't2' }]);
    expect(await repo.listLedger('d')).toEqual([{ ...entry, contentHash: 'h2', updatedAt: 't2' }]);
    expect(await repo.findLedger('other', 's1')).toBeNull();
  });
});
