import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import { readPackage } from '../formats/read-package';
import { snapshotDestination } from '../plan/destination-snapshot';
import { accounts } from '../mapping/mapping-samples.test-support';
import { createPlan } from '../plan/create-plan';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { createImportTask, runImportTask } from './import-runner';
import { planEngineVerifier } from './plan-verifier';
import {
  createImportFixture,
  materializerFor,
  testProfile,
  type ImportFixture,
} from './test-support/import-fixture';

/** The two sample quality rules, dev -> prod: last wave, findings, rewritten table, no alert settings, idempotent. */

const rules = ['dwd_orders_amount_fluctuation', 'dwd_orders_not_empty'];
const ruleFile = (root: string, name: string) =>
  path.join(root, 'DataQuality/MaxCompute/dwd_orders', `${name}.json`);

let fx: ImportFixture;
beforeEach(() => {
  fx = createImportFixture('ferry-import-dq-');
  fx.deps.verifier = planEngineVerifier;
});
afterEach(() => fx.close());

async function plan(profile: MappingProfile, change?: (model: PackageModel) => PackageModel) {
  const [model, destination, srcConfig] = await Promise.all([
    readPackage(fx.dev),
    snapshotDestination(fx.prod),
    readWorkspaceConfig(fx.dev),
  ]);
  return createPlan({
    model: change ? change(model) : model,
    profile,
    destination,
    source: { config: srcConfig },
    executor: accounts.carol,
    now: new Date('2024-07-01T02:00:00.000Z'),
  });
}

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

describe('quality rules dev -> prod', () => {
  it('are planned in the last wave, with the alert reminder naming what is left out', async () => {
    const p = await plan(testProfile());
    const objects = p.objects.filter((o) => o.kind === 'quality-rule');
    expect(objects.map((o) => `${o.action}:${o.name}`).sort()).toEqual(rules.map((r) => `create:${r}`));
    const lastWave = Math.max(...p.objects.map((o) => o.wave));
    for (const o of objects) {
      expect(o.wave).toBe(lastWave);
      expect(p.waves[o.wave].kind).toBe('quality-rule');
    }
    const findings = (name: string) =>
      p.findings.filter((f) => f.assetId === objects.find((o) => o.name === name)!.assetId);
    // The table dwd_orders is created by this import: no missing-table warning. The alert reminder, and, since the
    // node dwd_orders is a conflict skipped by the profile, a warning that the rule's node does not land.
    for (const name of rules)
      expect(findings(name).map((f) => `${f.severity}:${f.code}`)).toEqual([
        'warning:quality-rule-alerts-not-carried',
        'warning:quality-rule-node-not-imported',
      ]);
    expect(findings('dwd_orders_not_empty')[0].message).toContain('notifications left out of the import');
    expect(findings('dwd_orders_amount_fluctuation')[0].message).not.toContain('left out');
    expect(findings('dwd_orders_not_empty')[1].message).toContain(
      'node dwd_orders, which this import does not land (excluded)',
    );
    expect(objects.find((o) => o.name === 'dwd_orders_not_empty')!.mappingsApplied).toContainEqual({
      section: 'qualityRuleAlerts',
      from: 'notifications',
      to: 'not carried',
      fields: ['alerts'],
      via: 'never-travels',
    });
  });

  it('warn when the table is neither in the destination nor in the import', async () => {
    const p = await plan(testProfile(), (model) => ({
      ...model,
      assets: model.assets.filter((a) => !(a.kind === 'table' && a.name === 'dwd_orders')),
    }));
    const missing = p.findings.filter((f) => f.code === 'quality-rule-table-missing');
    expect(missing).toHaveLength(2);
    expect(
      missing.every(
        (f) => f.severity === 'warning' && f.message.includes('odps.retail_prod.default.dwd_orders'),
      ),
    ).toBe(true);
  });

  it('land with the table rewritten by the project mapping and without alert settings; a re-import changes nothing', async () => {
    const profile = testProfile();
    const first = await importPlan('dq.first', profile);
    expect(first.task.state, first.task.error ?? '').toBe('completed');
    for (const name of rules) {
      const text = fs.readFileSync(ruleFile(fx.prod, name), 'utf8');
      const rule = (JSON.parse(text) as { kind: string; spec: { dqcRules: Record<string, unknown>[] } }).spec
        .dqcRules[0];
      expect(rule.table).toEqual({ guid: 'odps.retail_prod.default.dwd_orders', name: 'dwd_orders' });
      expect(rule).toMatchObject({
        calcEngine: { project: 'retail_prod' },
        schedulerNode: { output: 'retail_prod.dwd_orders' },
      });
      expect(text).not.toContain('retail_dev');
      expect(rule).not.toHaveProperty('notifications');
      expect(rule.ruleConfig).toBe(
        (
          JSON.parse(fs.readFileSync(ruleFile(fx.dev, name), 'utf8')) as {
            spec: { dqcRules: { ruleConfig: string }[] };
          }
        ).spec.dqcRules[0].ruleConfig,
      );
    }
    const report = first.report.details.filter((d) => d.kind === 'quality-rule');
    expect(report.map((d) => `${d.outcome}:${d.name}`).sort()).toEqual(rules.map((r) => `succeeded:${r}`));
    expect(report.find((d) => d.name === 'dwd_orders_not_empty')!.mappings).toContain(
      'qualityRuleAlerts notifications -> not carried (alerts)',
    );

    // Read back from prod: the same identities, the rewritten table.
    const prod = await readPackage(fx.prod);
    const landed = prod.assets.filter((a) => a.kind === 'quality-rule');
    expect(landed.map((a) => a.id).sort()).toEqual(
      first.plan.objects
        .filter((o) => o.kind === 'quality-rule')
        .map((o) => o.assetId)
        .sort(),
    );

    const second = await importPlan('dq.second', profile);
    expect(
      second.plan.objects
        .filter((o) => o.kind === 'quality-rule')
        .map((o) => `${o.action}:${o.name}`)
        .sort(),
    ).toEqual(rules.map((r) => `unchanged:${r}`));
    // An unchanged rule is not written again: no alert reminder for it.
    expect(second.plan.findings.filter((f) => f.rule === 'quality-rule-alerts')).toEqual([]);

    // Alerts set up by hand in prod, as the plan asks: not a difference, so a re-import leaves them alone...
    const prodRule = ruleFile(fx.prod, 'dwd_orders_not_empty');
    const withAlarm = fs
      .readFileSync(prodRule, 'utf8')
      .replace('"description":', '"alarmMode":2,\n\t\t\t\t"description":');
    fs.writeFileSync(prodRule, withAlarm);
    const third = await plan(profile);
    expect(third.objects.filter((o) => o.kind === 'quality-rule').map((o) => o.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    // ...and when the rule did change, the update says it drops them.
    fs.writeFileSync(prodRule, withAlarm.replace('(strong rule)', '(edited in prod)'));
    const fourth = await plan(profile);
    const updated = fourth.objects.find((o) => o.name === 'dwd_orders_not_empty')!;
    expect(updated.action).toBe('update');
    expect(
      fourth.findings
        .filter((f) => f.assetId === updated.assetId && f.code === 'quality-rule-alerts-overwritten')
        .map((f) => f.message),
    ).toEqual([
      "quality rule dwd_orders_not_empty: the update rewrites the destination's rule, whose alert settings (alarmMode) are not kept; set them up again after the import",
    ]);
  });
});
