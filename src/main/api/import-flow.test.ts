import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { createBackend, type Backend } from '../app/create-backend';
import { waitForJob } from '../cli/wait-for-job';
import { accounts, completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { inProcessTransport } from './in-process-transport';

let dir: string;
let dev: string;
let prod: string;
let userData: string;
let backend: Backend;
let client: FerryClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-import-api-'));
  dev = path.join(dir, 'dev');
  prod = path.join(dir, 'prod');
  userData = path.join(dir, 'user-data');
  fs.cpSync(devDir, dev, { recursive: true });
  fs.cpSync(prodDir, prod, { recursive: true });
  backend = createBackend({ userDataDir: userData, mode: 'web', version: 'test' });
  client = createFerryClient(inProcessTransport(backend));
});
afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const profile: MappingProfile = completeProfile({
  conflictPolicy: 'skip',
  dryRun: { recurrence: 'Skip', nodes: [], rules: [{ nameGlob: 'notify_*' }] },
});

async function plan(): Promise<string> {
  const { jobId } = await client.call('plan:create', { packagePath: dev, destinationPath: prod, profile, executor: accounts.carol });
  await waitForJob(client, jobId);
  return jobId;
}

describe('import through the API, on copies of the samples', () => {
  it('refuses a plan whose gate is not empty, and a bad task name, before creating a task', async () => {
    const { jobId } = await client.call('plan:create', {
      packagePath: dev,
      destinationPath: prod,
      profile: completeProfile({ projects: [] }),
      executor: accounts.carol,
    });
    await waitForJob(client, jobId);
    await expect(client.call('import:start', { planJobId: jobId, taskName: 'first' })).rejects.toThrow(/gate lists 1 unmapped/);
    await expect(client.call('import:start', { planJobId: jobId, taskName: 'bad name!' })).rejects.toThrow(/only letters, digits/);
    expect(await client.call('history:tasks', {})).toEqual([]);
  });

  it('imports a plan, reports counts matching the plan, and a second plan shows every object unchanged', async () => {
    const planJob = await plan();
    const head = await client.call('plan:summary', { jobId: planJob });
    expect(head.summary.importable).toBe(true);

    const { jobId, taskId } = await client.call('import:start', { planJobId: planJob, taskName: 'dev_to_prod.1', remarks: 'first' });
    const job = await waitForJob(client, jobId);
    expect(job.state).toBe('succeeded');
    const { task, report } = await client.call('import:result', { jobId });
    expect(task).toMatchObject({ id: taskId, state: 'completed', name: 'dev_to_prod.1', remarks: 'first' });
    expect(report.results.total).toBe(head.summary.total);
    expect(report.results.succeeded).toBe(head.summary.create + head.summary.update);
    expect(report.results.byAction).toMatchObject({ create: head.summary.create, update: head.summary.update, unchanged: head.summary.unchanged });

    // The landed objects: project names rewritten, dry-run nodes as Skip.
    const files = fs.readdirSync(prod, { recursive: true, encoding: 'utf8' });
    const sql = files.find((f) => f.endsWith(`dwd_order_payments${path.sep}dwd_order_payments.sql`));
    const landed = fs.readFileSync(path.join(prod, sql!), 'utf8');
    expect(landed).toContain('finance_prod.dwd_payments');
    expect(landed).not.toContain('retail_dev');

    const tasks = await client.call('history:tasks', {});
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: taskId, state: 'completed', objects: head.summary.total, results: { failed: 0 } });
    const detail = await client.call('history:task', { taskId });
    expect(detail).toMatchObject({ planSummary: head.summary, profileName: profile.name, report: { basic: { taskId } } });

    const csv = await client.call('report:export', { taskId, format: 'csv' });
    expect(csv.path).toBeNull();
    expect(csv.content?.split('\r\n').filter((l) => l !== '')).toHaveLength(head.summary.total + 1);
    const htmlFile = path.join(dir, 'report.html');
    expect(await client.call('report:export', { taskId, format: 'html', path: htmlFile })).toEqual({ path: htmlFile });
    expect(fs.readFileSync(htmlFile, 'utf8')).toContain('dev_to_prod.1');
    const failed = await client.call('report:objects', { taskId, outcome: 'failed' });
    expect(failed.total).toBe(0);
    const dryRuns = (await client.call('report:objects', { taskId, limit: 5000 })).objects.filter((o) => o.dryRun);
    expect(dryRuns.map((o) => o.name).sort()).toEqual(['notify_bi', 'notify_marketing']);

    await expect(client.call('import:again', { taskId })).rejects.toMatchObject({ code: 'conflict' });

    // Idempotent: a second plan of the same package finds everything that landed unchanged.
    const again = await plan();
    const second = await client.call('plan:summary', { jobId: again });
    expect(second.summary).toMatchObject({ create: 0, update: 0, conflict: 0 });
    expect(second.summary.unchanged).toBe(head.summary.create + head.summary.update + head.summary.unchanged);
    expect(second.summary.excluded).toBe(head.summary.excluded);
  });

  it('writes the hand-off for DataWorks: the mapped package and create-import-migration.json', async () => {
    const planJob = await plan();
    const outDir = path.join(dir, 'handoff');
    const { jobId } = await client.call('import:handoff', { planJobId: planJob, name: 'dev_to_prod', outDir });
    await waitForJob(client, jobId);
    const result = await client.call('import:handoffResult', { jobId });
    expect(result.packagePath).toBe(path.join(outDir, 'dev_to_prod.zip'));
    expect(fs.statSync(result.packagePath).size).toBeGreaterThan(0);
    const parameters = JSON.parse(fs.readFileSync(result.parametersPath, 'utf8')) as Record<string, string>;
    expect(parameters).toEqual(result.parameters);
    expect(JSON.parse(result.parameters.WorkspaceMap)).toMatchObject({ retail_dev: 'retail_prod' });
  });

  it('imports a saved plan file in a new backend, finding its profile by hash', async () => {
    const planJob = await plan();
    const file = path.join(dir, 'second-plan.json');
    await client.call('plan:save', { jobId: planJob, path: file });
    const other = createBackend({ userDataDir: userData, mode: 'web', version: 'test' });
    try {
      const otherClient = createFerryClient(inProcessTransport(other));
      const { jobId, taskId } = await otherClient.call('import:start', { planPath: file, taskName: 'second' });
      await waitForJob(otherClient, jobId);
      const detail = await otherClient.call('history:task', { taskId });
      expect(detail.task).toMatchObject({ state: 'completed', planPath: file });
      expect(detail.report?.results).toMatchObject({ failed: 0, succeeded: 0 });
    } finally {
      await other.close();
    }
  });

  it('refuses a plan file whose profile is unknown unless it is given', async () => {
    const planJob = await plan();
    const file = path.join(dir, 'third-plan.json');
    await client.call('plan:save', { jobId: planJob, path: file });
    const fresh = createBackend({ userDataDir: path.join(dir, 'fresh'), mode: 'web', version: 'test' });
    try {
      const c = createFerryClient(inProcessTransport(fresh));
      await expect(c.call('import:start', { planPath: file, taskName: 'x' })).rejects.toThrow(/not known on this machine/);
      await expect(
        c.call('import:start', { planPath: file, taskName: 'x', profile: { ...profile, conflictPolicy: 'overwrite' } }),
      ).rejects.toMatchObject({ code: 'conflict' });
      const { jobId } = await c.call('import:start', { planPath: file, taskName: 'x', profile });
      await waitForJob(c, jobId);
    } finally {
      await fresh.close();
    }
  });
});
