import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { renderReportCsv } from '../report/report-csv';
import { renderReportHtml } from '../report/report-html';
import { scanDestination } from './destination-scan';
import { createImportTask, runImportTask } from './import-runner';
import { planEngineVerifier } from './plan-verifier';
import {
  createImportFixture,
  materializerFor,
  planWithEngine,
  testProfile,
  type ImportFixture,
} from './test-support/import-fixture';

/** Dev sample -> prod sample through the real plan engine (createPlan) and its hashes. */

let fx: ImportFixture;
beforeEach(() => {
  fx = createImportFixture('ferry-import-engine-');
  fx.deps.verifier = planEngineVerifier;
});
afterEach(() => fx.close());

const plan = (profile: MappingProfile) => planWithEngine(fx, fx.dev, profile);

async function importPlan(name: string, profile: MappingProfile) {
  const p = await plan(profile);
  const task = await createImportTask(fx.deps, { name, plan: p });
  const materializer = await materializerFor(p, profile);
  try {
    return { plan: p, ...(await runImportTask(fx.deps, task.id, { profile, materializer })) };
  } finally {
    await materializer.close();
  }
}

describe('import with the plan engine (dev -> prod)', () => {
  it('applies the plan, the report counts match it, and a second import changes nothing', async () => {
    const profile = testProfile();
    const first = await importPlan('engine.first', profile);
    expect(first.plan.gate).toEqual([]);
    expect(first.task.state, first.task.error ?? '').toBe('completed');
    const s = first.plan.summary;
    expect(s.create).toBeGreaterThan(50);
    expect(s.update).toBeGreaterThanOrEqual(1);
    console.info(`plan dev -> prod: ${JSON.stringify(s)}`);
    expect(first.report.results.byAction).toEqual({
      create: s.create,
      update: s.update,
      unchanged: s.unchanged,
      conflict: s.conflict,
      excluded: s.excluded,
    });
    expect(first.report.results.succeeded).toBe(s.create + s.update);
    expect(first.report.details.filter((d) => d.dryRun).length).toBe(s.dryRun);
    expect(renderReportCsv(first.report).split('\r\n').length).toBe(s.total + 2);
    expect(renderReportHtml(first.report)).toContain('engine.first');

    const before = await scanDestination(fx.prod);
    const second = await importPlan('engine.second', profile);
    const changing = second.plan.objects.filter((o) => o.action === 'create' || o.action === 'update');
    expect(changing.map((o) => `${o.action} ${o.kind} ${o.name}: ${o.reason}`)).toEqual([]);
    expect(second.task.state).toBe('completed');
    expect(await scanDestination(fx.prod)).toEqual(before);
  });

  /** Plans, makes `change` to the destination, then imports: the import must refuse the plan as stale. */
  async function expectStaleAfter(name: string, change: () => void) {
    const profile = testProfile();
    const p = await plan(profile);
    const task = await createImportTask(fx.deps, { name, plan: p });
    change();
    const before = await scanDestination(fx.prod);
    const materializer = await materializerFor(p, profile);
    try {
      await expect(runImportTask(fx.deps, task.id, { profile, materializer })).rejects.toThrow(
        'Stale plan: the destination changed since the preview; preview again.',
      );
    } finally {
      await materializer.close();
    }
    expect(await scanDestination(fx.prod)).toEqual(before);
  }

  it('refuses the plan when the destination changed after the preview', async () => {
    await expectStaleAfter('engine.stale', () => {
      const config = JSON.parse(fs.readFileSync(path.join(fx.prod, 'workspace.json'), 'utf8')) as {
        states: Record<string, unknown>;
      };
      config.states['resource:999'] = { state: 'saved' };
      fs.writeFileSync(path.join(fx.prod, 'workspace.json'), JSON.stringify(config, null, 2));
    });
  });

  it('refuses the plan when a destination code file was edited after the preview, even to the same size', async () => {
    await expectStaleAfter('engine.stale.code', () => {
      const file = path.join(fx.prod, 'DataStudio/业务流程/prod_hotfix/MaxCompute/数据开发/dwd_orders/dwd_orders.sql');
      const code = fs.readFileSync(file, 'utf8');
      const edited = code.replace('SELECT', 'select');
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(code));
      expect(edited).not.toBe(code);
      fs.writeFileSync(file, edited);
    });
  });
});
