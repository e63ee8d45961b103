import { describe, expect, it } from 'vitest';
import type { DryRunRule } from '../../shared/model/mapping-profile';
import { markDryRun, markNodes, matchesDryRunRule, unmarkNodes } from './dry-run';
import { globMatch } from './glob';
import { loadSamples } from './mapping-samples.test-support';

const samples = loadSamples();

async function names(rule: DryRunRule): Promise<string[]> {
  const { model } = await samples;
  return model.assets
    .filter((a) => matchesDryRunRule(a, rule))
    .map((a) => a.name)
    .sort();
}

describe('globs', () => {
  it('match * within a folder, ** across folders, ? one character', () => {
    expect(globMatch('hive_*', 'hive_dwd_sessions')).toBe(true);
    expect(globMatch('业务流程/*', '业务流程/retail_dw/通用')).toBe(false);
    expect(globMatch('业务流程/**', '业务流程/retail_dw/通用')).toBe(true);
    expect(globMatch('业务流程/**/通用', '业务流程/retail_dw/通用')).toBe(true);
    expect(globMatch('**/通用', '业务流程/retail_dw/通用')).toBe(true);
    expect(globMatch('dw?_orders', 'dwd_orders')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });
});

describe('dry-run rules on the dev sample', () => {
  it('match by node type, name glob, folder glob and output table pattern', async () => {
    expect(await names({ nodeType: 'HOLOGRES_SQL' })).toEqual([
      'holo_refresh_dashboard',
      'holo_sync_rfm',
      'holo_sync_sales',
      'holo_sync_store_sales',
    ]);
    expect(await names({ nodeType: 'hologres_sql' })).toHaveLength(4);
    expect(await names({ nameGlob: 'hive_*' })).toEqual([
      'hive_campaign_attribution',
      'hive_dwd_sessions',
      'hive_ods_clickstream',
      'hive_user_segments',
    ]);
    expect(await names({ folderGlob: '业务流程/retail_marketing/**' })).toHaveLength(8);
    expect(await names({ outputTablePattern: 'retail_dev.dws_*' })).toEqual([
      'dws_customer_contact',
      'dws_customer_rfm',
      'dws_sales_daily',
      'dws_store_sales',
    ]);
    // Without a dot the pattern matches the table part of any project.
    expect(await names({ outputTablePattern: 'ods_order*' })).toEqual([
      'di_ods_order_items',
      'di_ods_orders',
    ]);
    // Every criterion must hold.
    expect(await names({ nodeType: 'DI', outputTablePattern: 'ods_erp_*' })).toEqual([
      'di_ods_erp_suppliers',
    ]);
    expect(await names({ nodeType: 'ODPS_SQL', nameGlob: 'hive_*' })).toEqual([]);
  });

  it('counts per rule, unions explicit ids and rules, and reports ids that are not nodes', async () => {
    const { model } = await samples;
    const holo = model.assets.find((a) => a.name === 'holo_sync_rfm');
    const notify = model.assets.find((a) => a.name === 'notify_bi');
    const workflow = model.assets.find((a) => a.kind === 'workflow');
    const marking = markDryRun(model.assets, {
      nodes: [holo?.id ?? '', notify?.id ?? '', workflow?.id ?? '', 'no-such-id'],
      rules: [{ nodeType: 'HOLOGRES_SQL' }, { nameGlob: 'hive_*' }, { nameGlob: 'nothing_*' }],
    });
    expect(marking.rules.map((r) => r.count)).toEqual([4, 4, 0]);
    expect(marking.marked).toHaveLength(9); // 4 Hologres (one also explicit) + 4 Hive + notify_bi
    expect(marking.explicit).toEqual([holo?.id, notify?.id]);
    expect(marking.unknownIds).toEqual([workflow?.id, 'no-such-id']);
  });

  it('marks and unmarks nodes one by one or in batch without duplicates', () => {
    const settings = { recurrence: 'Skip' as const, nodes: ['a'], rules: [] };
    const marked = markNodes(settings, ['b', 'a', 'c', 'b']);
    expect(marked.nodes).toEqual(['a', 'b', 'c']);
    expect(settings.nodes).toEqual(['a']);
    expect(unmarkNodes(marked, ['a', 'c']).nodes).toEqual(['b']);
  });
});
