import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssets } from '../../inspect/asset-checks';
import { inspectPackage } from '../../inspect/inspect-package';
import { readPackage } from '../read-package';
import { writeSpecPackage } from '../spec-package/spec-package-writer';
import { readFlowSpecFile } from './flowspec-reader';
import {
  qualityRuleAlertKeys,
  qualityRuleNodeDependency,
  qualityRuleTableOf,
  withoutQualityRuleAlerts,
} from './quality-rule-fields';

const devDir = path.resolve('resources/samples/dev');
const dwdOrdersNode = '1615317347304243133';

describe('quality rule fields', () => {
  it('finds alert / notification settings at the top and inside a ruleConfig string, and strips only those', () => {
    const rule = {
      id: '1',
      table: { guid: 'odps.p.default.t' },
      alarmMode: 2,
      followers: ['alice'],
      ruleConfig: JSON.stringify({ threshold: 0, notifications: { channels: ['Mail'] } }),
      description: 'kept',
    };
    expect(qualityRuleAlertKeys(rule)).toEqual(['alarmMode', 'followers', 'ruleConfig.notifications']);
    expect(withoutQualityRuleAlerts(rule)).toEqual({
      id: '1',
      table: { guid: 'odps.p.default.t' },
      ruleConfig: '{"threshold":0}',
      description: 'kept',
    });
    expect(rule.alarmMode).toBe(2); // the input is not touched
    const plain = { id: '2', ruleConfig: '{"threshold":0}' };
    expect(withoutQualityRuleAlerts(plain)).toBe(plain);
    expect(qualityRuleTableOf(rule)).toEqual({ guid: 'odps.p.default.t', name: 't' });
    expect(qualityRuleTableOf({ table: 'odps.p.default.u' })).toEqual({
      guid: 'odps.p.default.u',
      name: 'u',
    });
    expect(qualityRuleNodeDependency({ schedulerNode: { nodeId: '9', output: 'p.n' } })).toEqual({
      type: 'Normal',
      output: 'p.n',
      nodeId: '9',
      refTableName: null,
      targetId: null,
    });
    expect(qualityRuleNodeDependency({})).toBeNull();
  });
});

describe('quality rules in the dev sample', () => {
  it('are read from DataQuality/ as quality-rule assets: id, name, folder, table, node, settings, alerts', async () => {
    const model = await readPackage(devDir);
    const rules = model.assets
      .filter((a) => a.kind === 'quality-rule')
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(
      rules.map((r) => [
        r.name,
        r.folderPath,
        r.engine,
        qualityRuleTableOf(r.original).guid,
        qualityRuleAlertKeys(r.original),
      ]),
    ).toEqual([
      [
        'dwd_orders_amount_fluctuation',
        'MaxCompute/dwd_orders',
        'MaxCompute',
        'odps.retail_dev.default.dwd_orders',
        [],
      ],
      [
        'dwd_orders_not_empty',
        'MaxCompute/dwd_orders',
        'MaxCompute',
        'odps.retail_dev.default.dwd_orders',
        ['notifications'],
      ],
    ]);
    for (const rule of rules) {
      expect(rule.id).toBe(`quality-rule:${rule.sourceId}`);
      expect(rule.origin).toMatchObject({
        entry: `DataQuality/MaxCompute/dwd_orders/${rule.name}.json`,
        specKind: 'DataQuality',
      });
      // Attached to the node that writes the table: resolved inside the package.
      expect(rule.dependencies.map((d) => [d.output, d.targetId])).toEqual([
        ['retail_dev.dwd_orders', dwdOrdersNode],
      ]);
      expect(rule.original).toHaveProperty('ruleConfig');
    }
    // DataQuality/ is no longer reported as unread.
    expect(
      model.problems
        .filter((p) => p.code === 'unrecognized-entries')
        .map((p) => p.message)
        .join(''),
    ).not.toContain('DataQuality/MaxCompute');
  });

  it('a FlowSpec document of kind DataQuality read on its own gives the same rule', async () => {
    const file = path.join(devDir, 'DataQuality/MaxCompute/dwd_orders/dwd_orders_not_empty.json');
    const model = await readFlowSpecFile(file);
    expect(model.assets.map((a) => [a.kind, a.id, a.name, a.engine])).toEqual([
      ['quality-rule', 'quality-rule:1911252373306897229', 'dwd_orders_not_empty', 'MaxCompute'],
    ]);
    // Its node is not in this file: an external dependency, nothing else.
    expect(model.assets[0].dependencies[0]).toMatchObject({
      output: 'retail_dev.dwd_orders',
      targetId: null,
    });
    // Written as a SPEC package, it lands where the samples keep it and reads back the same.
    const out = path.join(os.tmpdir(), `ferry-dq-${process.pid}.zip`);
    try {
      await writeSpecPackage(out, model, {
        manifest: {
          createdAt: '2025-01-01T00:00:00.000Z',
          createdBy: 'test',
          source: { projectIdentifier: null, displayName: null, region: null },
          export: { type: 'full' },
        },
      });
      const back = await readPackage(out);
      expect(back.assets.map((a) => [a.id, a.folderPath, a.origin.entry, a.dependencies.length])).toEqual([
        [
          'quality-rule:1911252373306897229',
          'MaxCompute/dwd_orders',
          'DataQuality/MaxCompute/dwd_orders/dwd_orders_not_empty.json',
          1,
        ],
      ]);
      expect(back.assets[0].original).toEqual(model.assets[0].original);
    } finally {
      await fs.rm(out, { force: true });
    }
  });

  it('inspect counts them; a rule whose table is not in the package is an info, never a dangling-dependency error', async () => {
    const model = await readPackage(devDir);
    const inspection = await inspectPackage(model, { skipCode: true });
    expect(inspection.counts.byKind['quality-rule']).toBe(2);
    expect(inspection.problems.filter((p) => p.code.startsWith('quality-rule'))).toEqual([]);

    // Without the table and its node (a package of the rules only): two infos, no error.
    const rulesOnly = {
      ...model,
      assets: model.assets
        .filter((a) => a.kind === 'quality-rule')
        .map((a) => ({ ...a, dependencies: a.dependencies.map((d) => ({ ...d, targetId: null })) })),
    };
    const facts = checkAssets(rulesOnly);
    expect(facts.problems.map((p) => [p.severity, p.code])).toEqual([
      ['info', 'quality-rule-table-not-in-package'],
      ['info', 'quality-rule-table-not-in-package'],
    ]);
    expect(facts.problems[0].message).toContain('odps.retail_dev.default.dwd_orders');
  });
});
