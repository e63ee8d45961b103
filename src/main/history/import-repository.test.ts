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

  it('stores the plan once, beside the task, and reads it only when asked', async () => {
    const created = await repo.createTask(newTask);
    expect(created.planJson).toBe(newTask.planJson);
    expect(db.prepare('SELECT plan_json FROM import_task WHERE id = ?').pluck().get(created.id)).toBe('');
    await repo.updateTask(created.id, { state: 'importing', updatedAt: 't' });
    const read = await repo.getTask(created.id);
    expect(read?.planJson).toBe(newTask.planJson);
    expect((JSON.parse(JSON.stringify(read)) as { planJson: string }).planJson).toBe(newTask.planJson);
    await repo.updateTask(created.id, { planJson: '{"objects":[1]}', updatedAt: 't2' });
    expect((await repo.getTask(created.id))?.planJson).toBe('{"objects":[1]}');
    await repo.deleteTask(created.id);
    expect(db.prepare('SELECT COUNT(*) FROM import_task_plan').pluck().get()).toBe(0);
  });

  it('gives a task its report as stored, whether just written or read later', async () => {
    const created = await repo.createTask(newTask);
    expect(created.reportJson).toBeNull();
    const finished = await repo.updateTask(created.id, {
      state: 'completed',
      reportJson: '{"objects":[]}',
      updatedAt: 't',
    });
    expect(finished.reportJson).toBe('{"objects":[]}');
    const read = await repo.getTask(created.id);
    expect((JSON.parse(JSON.stringify(read)) as { reportJson: string }).reportJson).toBe('{"objects":[]}');
    await repo.updateTask(created.id, { state: 'importing', reportJson: null, updatedAt: 't2' });
    expect((await repo.getTask(created.id))?.reportJson).toBeNull();
  });

  it('stores plans and reports compressed, and reads those stored plainly before', async () => {
    const objects = Array.from({ length: 5_000 }, (_, i) => ({
      assetId: String(i),
      action: 'unchanged',
      mappingsApplied: [{ section: 'projects', from: 'dev', to: 'prod' }],
    }));
    const planJson = JSON.stringify({ objects });
    const reportJson = JSON.stringify({ objects: objects.map((o) => ({ ...o, outcome: 'imported' })) });
    const created = await repo.createTask({ ...newTask, planJson });
    await repo.updateTask(created.id, { state: 'completed', reportJson, updatedAt: 't' });
    const stored = (sql: string) => db.prepare(sql).pluck().get(created.id) as number;
    // A fraction of the text on disk (the history of a few 20,000-object imports stayed hundreds of megabytes).
    expect(stored('SELECT length(plan_json) FROM import_task_plan WHERE task_id = ?')).toBeLessThan(
      planJson.length / 10,
    );
    expect(stored('SELECT length(report_json) FROM import_task WHERE id = ?')).toBeLessThan(
      reportJson.length / 10,
    );
    const read = await repo.getTask(created.id);
    expect([read?.planJson, read?.reportJson]).toEqual([planJson, reportJson]);

    // Written plainly by an earlier Ferry: read as it is.
    db.prepare('UPDATE import_task_plan SET plan_json = ? WHERE task_id = ?').run('{"plain":1}', created.id);
    db.prepare('UPDATE import_task SET report_json = ? WHERE id = ?').run('{"plain":2}', created.id);
    const old = await repo.getTask(created.id);
    expect([old?.planJson, old?.reportJson]).toEqual(['{"plain":1}', '{"plain":2}']);
  });

  it('reads the plan of a task stored before migration 7 from import_task', async () => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO import_task (name, remarks, state, destination_path, destination_project, destination_key,
           package_path, package_hash, plan_json, created_at, updated_at)
         VALUES ('old', '', 'importing', '/ws', 'p', '/ws#p', '/pkg.zip', 'h', '{"old":true}', 't', 't')`,
      )
      .run();
    const task = await repo.getTask(Number(lastInsertRowid));
    expect(task?.planJson).toBe('{"old":true}');
    await repo.updateTask(Number(lastInsertRowid), { state: 'completed', updatedAt: 't2' });
    expect((await repo.getTask(Number(lastInsertRowid)))?.planJson).toBe('{"old":true}');
  });

  it('appends journal rows and ledger rows in one transaction', async () => {
    const task = await repo.createTask(newTask);
    const row = { taskId: task.id, run: 1, objectId: 's1', phase: 'done' as const, detail: '{}', at: 't' };
    const entry = {
      destinationKey: 'd',
      sourceId: 's1',
      objectId: 's1',
      kind: 'node',
      path: 'a.json',
      files: ['a.json'],
      contentHash: 'h',
      taskId: task.id,
      updatedAt: 't',
    };
    // A bad ledger row (task_id references no task) rolls the journal row back with it.
    await expect(repo.appendJournalWithLedger([row], [{ ...entry, taskId: task.id + 100 }])).rejects.toThrow(
      /FOREIGN KEY/,
    );
    expect(await repo.journal(task.id)).toEqual([]);
    await repo.appendJournalWithLedger([row], [entry]);
    expect(await repo.journal(task.id)).toEqual([row]);
    expect(await repo.listLedger('d')).toEqual([entry]);
  });
});
