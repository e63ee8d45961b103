import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { accounts, groups } from '../mapping/mapping-samples.test-support';
import { createAtomicWriter, type FileWriter } from './atomic-file';
import { scanDestination } from './destination-scan';
import { createImportTask, runImportTask, validateImportTaskName } from './import-runner';
import { perObject } from './import-types';
import { parsePlan, serializePlan } from '../plan/plan-file';
import { buildHandPlan } from './test-support/hand-plan';
import {
  createImportFixture,
  materializerFor,
  testProfile,
  type ImportFixture,
} from './test-support/import-fixture';

let fx: ImportFixture;
beforeEach(() => {
  fx = createImportFixture();
});
afterEach(() => fx.close());

async function planAndRun(name: string, deps = fx.deps) {
  const profile = testProfile();
  const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
  const task = await createImportTask(deps, { name, remarks: 'test', plan });
  const materializer = await materializerFor(plan, profile);
  try {
    return { plan, ...(await runImportTask(deps, task.id, { profile, materializer })) };
  } finally {
    await materializer.close();
  }
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('import into a local workspace', () => {
  it('stores a plan read from a file as that file, and stores an in-memory plan as Ferry writes plans', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const text = `${JSON.stringify(plan, null, 1)}\n`; // not how Ferry lays plans out
    const fromFile = await createImportTask(fx.deps, { name: 'from_file', plan: parsePlan(text, 'plan.json') });
    expect(fromFile.planJson).toBe(text);
    const inMemory = await createImportTask(fx.deps, { name: 'in_memory', plan });
    expect(inMemory.planJson).toBe(serializePlan(plan));
    expect(parsePlan(fromFile.planJson)).toEqual(parsePlan(inMemory.planJson));
  });

  it('lands every object mapped: projects, resource groups, data sources, owners, dry runs as Skip', async () => {
    const { plan, task, report } = await planAndRun('dev_to_prod.1');
    expect(task.state).toBe('completed');
    const toWrite = plan.objects.filter((o) => o.action === 'create' || o.action === 'update');
    expect(toWrite.length).toBeGreaterThan(50);
    expect(report.results.total).toBe(plan.objects.length);
    expect(report.results.byAction).toMatchObject({
      create: plan.summary.create,
      update: plan.summary.update,
      unchanged: plan.summary.unchanged,
      excluded: plan.summary.excluded,
    });
    expect(report.results.succeeded).toBe(toWrite.length);
    expect(report.results.failed).toBe(0);

    const files = await scanDestination(fx.prod);
    const studio = [...files.keys()].filter((f) => f.startsWith('DataStudio/业务流程/retail_'));
    expect(studio.length).toBeGreaterThan(100);
    for (const rel of studio) {
      const text = read(path.join(fx.prod, rel));
      if (rel.endsWith('.jar')) continue;
      expect(text, rel).not.toMatch(/\bretail_dev\b|retail_dev_mc|retail_dev_emr|retail_dev_holo/);
      expect(text, rel).not.toContain(groups.devScheduling);
      expect(text, rel).not.toContain(groups.devDi);
    }
    const di = 'DataStudio/业务流程/retail_ingest/数据集成/di_ods_orders';
    expect(read(path.join(fx.prod, di, 'di_ods_orders.json'))).toContain('mysql_orders_prd');
    const rfm = read(
      path.join(
        fx.prod,
        'DataStudio/业务流程/retail_dw/MaxCompute/数据开发/dwd_order_payments/dwd_order_payments.schedule.json',
      ),
    );
    expect(rfm).toContain('finance_prod.dwd_payments');
    expect(rfm).toContain(groups.prodScheduling);
    // dave is not a member of prod: his nodes fall back to the executor (carol).
    const marketing = studio.filter((f) => f.includes('retail_marketing') && f.endsWith('.schedule.json'));
    expect(marketing.length).toBeGreaterThanOrEqual(8);
    for (const rel of marketing) {
      const text = read(path.join(fx.prod, rel));
      expect(text).not.toContain(accounts.dave);
      expect(text).toContain(accounts.carol);
    }
    // Dry-run nodes (notify_*) land with recurrence Skip; others keep theirs.
    const notify = studio.filter((f) => /notify_[a-z]+\.schedule\.json$/.test(f));
    expect(notify.length).toBeGreaterThan(0);
    for (const rel of notify) expect(read(path.join(fx.prod, rel))).toContain('"recurrence":"Skip"');
    expect(report.details.filter((d) => d.dryRun).length).toBe(notify.length);
    // States from the plan's landing state; prod-only objects untouched.
    const config = await readWorkspaceConfig(fx.prod);
    for (const o of toWrite.filter((x) => x.kind === 'node'))
      expect(config.states[o.destination.id]?.state).toBe('committed');
    expect(fs.existsSync(path.join(fx.prod, 'DataStudio/业务流程/prod_hotfix'))).toBe(true);
    // The lock is gone; a rollback package exists for what was overwritten.
    expect(fs.existsSync(path.join(fx.prod, '.ferry-import.lock'))).toBe(false);
    expect(task.rollbackPath && fs.existsSync(task.rollbackPath)).toBeTruthy();
  });

  it('a second import changes nothing: every object unchanged, destination bytes identical', async () => {
    await planAndRun('first');
    const before = await scanDestination(fx.prod);
    const { plan, task, report } = await planAndRun('second');
    expect(plan.summary.create + plan.summary.update).toBe(0);
    expect(task.state).toBe('completed');
    expect(report.results.succeeded).toBe(0);
    expect(await scanDestination(fx.prod)).toEqual(before);
  });

  it('validates the task name', () => {
    expect(() => validateImportTaskName('bad name!')).toThrow(
      /only letters, digits, underscore \(_\) and period \(\.\)/,
    );
    expect(validateImportTaskName('ok_name.2')).toBe('ok_name.2');
  });

  it('refuses a stale plan: the destination changed since the preview', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    fs.writeFileSync(path.join(fx.prod, 'DataStudio/业务流程/prod_hotfix/extra.txt'), 'someone else');
    const task = await createImportTask(fx.deps, { name: 'stale', plan });
    const materializer = await materializerFor(plan, profile);
    const before = await scanDestination(fx.prod);
    await expect(runImportTask(fx.deps, task.id, { profile, materializer })).rejects.toThrow(
      'Stale plan: the destination changed since the preview; preview again.',
    );
    await materializer.close();
    expect(await scanDestination(fx.prod)).toEqual(before);
  });

  it('refuses a plan for another package', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const task = await createImportTask(fx.deps, {
      name: 'other_pkg',
      plan,
      packagePath: path.resolve('resources/samples/prod'),
    });
    const materializer = await materializerFor(plan, profile);
    await expect(runImportTask(fx.deps, task.id, { profile, materializer })).rejects.toThrow(
      /The plan is for another package/,
    );
    await materializer.close();
  });

  it('refuses a plan whose gate is not empty', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    plan.gate.push({
      kind: 'data-source',
      source: 'mysql_legacy_erp',
      assetIds: [],
      fix: 'dataSources',
      message: 'unmapped',
    });
    const task = await createImportTask(fx.deps, { name: 'gated', plan });
    const materializer = await materializerFor(plan, profile);
    await expect(runImportTask(fx.deps, task.id, { profile, materializer })).rejects.toThrow(
      /gate lists 1 unmapped reference/,
    );
    await materializer.close();
  });

  it('fails clearly on a full disk and leaves the destination unchanged; import again finishes', async () => {
    const full: FileWriter = {
      write() {
        return Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
        );
      },
    };
    const before = await scanDestination(fx.prod);
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const task = await createImportTask(fx.deps, { name: 'full_disk', plan });
    const materializer = await materializerFor(plan, profile);
    try {
      const error = await runImportTask({ ...fx.deps, writer: full }, task.id, {
        profile,
        materializer,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).message).toMatch(/is full \(ENOSPC\) while writing Data(Studio|Source)\//);
      expect(await scanDestination(fx.prod)).toEqual(before);
      const failed = await fx.deps.repository.getTask(task.id);
      expect(failed?.state).toBe('import-failed');
      expect(JSON.parse(failed!.reportJson!)).toMatchObject({ basic: { state: 'import-failed' } });
      const again = await runImportTask(fx.deps, task.id, { profile, materializer });
      expect(again.task.state).toBe('completed');
    } finally {
      await materializer.close();
    }
  });

  it('stops writing at the batch where the disk fills up; import again finishes the rest', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const task = await createImportTask(fx.deps, { name: 'fills_up', plan });
    const materializer = await materializerFor(plan, profile);
    const real = createAtomicWriter();
    let writes = 0;
    let afterFull = 0;
    const fillsUp: FileWriter = {
      write(file, data) {
        writes += 1;
        if (writes === 5) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
        if (writes > 5) afterFull += 1;
        return real.write(file, data);
      },
    };
    try {
      const error = await runImportTask({ ...fx.deps, writer: fillsUp }, task.id, { profile, materializer, batchSize: 2 }).catch(
        (e: unknown) => e,
      );
      expect((error as FerryError).message).toMatch(/is full \(ENOSPC\)/);
      // The batches after the one that failed were prepared, perhaps, but none of their files was written.
      expect(afterFull).toBe(0);
      const failed = await fx.deps.repository.getTask(task.id);
      expect(failed?.state).toBe('import-failed');
      const again = await runImportTask(fx.deps, task.id, { profile, materializer, batchSize: 2 });
      expect(again.task.state).toBe('completed');
      expect(again.report.results.failed).toBe(0);
    } finally {
      await materializer.close();
    }
  });

  it('fails clearly on a read-only file system (EROFS) and leaves the destination unchanged', async () => {
    const readOnly: FileWriter = {
      write: () =>
        Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })),
    };
    const before = await scanDestination(fx.prod);
    await expect(planAndRun('read_only_fs', { ...fx.deps, writer: readOnly })).rejects.toThrow(
      /is read-only \(EROFS\)/,
    );
    expect(await scanDestination(fx.prod)).toEqual(before);
    expect(fs.existsSync(path.join(fx.prod, '.ferry-import.lock'))).toBe(false);
  });

  it('"Import again" retries only what failed', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const victim = plan.objects.find((o) => o.name === 'dws_sales_daily')!;
    const task = await createImportTask(fx.deps, { name: 'retry', plan });
    const real = await materializerFor(plan, profile);
    let broken = true;
    const flaky = perObject(
      async (object) => {
        if (broken && object.assetId === victim.assetId) throw new Error('code rewrite failed');
        const [files] = await real.filesOf([object]);
        if (files instanceof Error) throw files;
        return files;
      },
      () => real.close(),
    );
    try {
      const first = await runImportTask(fx.deps, task.id, { profile, materializer: flaky });
      expect(first.task.state).toBe('partially-completed');
      expect(first.report.results.failed).toBe(1);
      expect(first.report.details.find((d) => d.objectId === victim.assetId)).toMatchObject({
        outcome: 'failed',
        error: 'code rewrite failed',
      });
      broken = false;
      const again = await runImportTask(fx.deps, task.id, { profile, materializer: flaky });
      expect(again.task.state).toBe('completed');
      const secondRun = (await fx.deps.repository.journal(task.id)).filter(
        (r) => r.run === 2 && r.objectId !== '#workspace.json',
      );
      expect(new Set(secondRun.map((r) => r.objectId))).toEqual(new Set([victim.assetId]));
      expect(
        fs.existsSync(
          path.join(
            fx.prod,
            'DataStudio/业务流程/retail_dw/MaxCompute/数据开发/dws_sales_daily/dws_sales_daily.sql',
          ),
        ),
      ).toBe(true);
    } finally {
      await real.close();
    }
  });

  it('a cancelled import stops between objects and resumes to completion', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const task = await createImportTask(fx.deps, { name: 'cancelled', plan });
    const materializer = await materializerFor(plan, profile);
    const controller = new AbortController();
    const seen: number[] = [];
    const progress = {
      signal: controller.signal,
      progress(done: number) {
        seen.push(done);
        if (done === 10) controller.abort();
      },
    };
    try {
      await expect(
        runImportTask(fx.deps, task.id, { profile, materializer, progress, batchSize: 5 }),
      ).rejects.toMatchObject({ code: 'cancelled' });
      const stopped = await fx.deps.repository.getTask(task.id);
      expect(stopped?.state).toBe('import-failed');
      const resumed = await runImportTask(fx.deps, task.id, { profile, materializer });
      expect(resumed.task.state).toBe('completed');
      expect(resumed.report.results.succeeded).toBe(plan.summary.create + plan.summary.update);
    } finally {
      await materializer.close();
    }
  });

  it('refuses to import while another import holds the destination lock', async () => {
    fs.writeFileSync(
      path.join(fx.prod, '.ferry-import.lock'),
      JSON.stringify({
        pid: process.pid,
        hostname: 'ci-box',
        user: 'erin',
        taskName: 'other_import',
        startedAt: '2024-07-01T01:00:00Z',
        token: 'x',
      }),
    );
    await expect(planAndRun('blocked', { ...fx.deps, hostname: 'ci-box' })).rejects.toThrow(
      /locked by task "other_import" run by erin on ci-box/,
    );
  });
});

describe('import history', () => {
  it('lists tasks, renders stored reports and exposes ledger identities', async () => {
    const { task } = await planAndRun('history.one');
    const { listImportTasks, renderImportReport, ledgerIdentities } = await import('./import-history');
    expect((await listImportTasks(fx.deps.repository)).map((t) => [t.name, t.state])).toEqual([
      ['history.one', 'completed'],
    ]);
    expect(await renderImportReport(fx.deps.repository, task.id, 'html')).toContain('<h2>Details</h2>');
    expect((await renderImportReport(fx.deps.repository, task.id, 'csv')).startsWith('\uFEFF')).toBe(true);
    const ids = await ledgerIdentities(fx.deps.repository, fx.prod, 'retail_prod');
    expect(ids.size).toBeGreaterThan(50);
    for (const [source, dest] of ids) expect(dest).toBe(source);
  });
});
