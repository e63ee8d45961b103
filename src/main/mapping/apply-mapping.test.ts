import { describe, expect, it } from 'vitest';
import type { Asset } from '../../shared/model/asset';
import { openCodeReader } from '../formats/read-package';
import { applyMapping } from './apply-mapping';
import { candidateProjects } from './mapping-context';
import { scanCodeReferences } from './code-rewrite';
import { accounts, completeProfile, groups, loadSamples } from './mapping-samples.test-support';

const samples = loadSamples();

function byName(assets: readonly Asset[], name: string, kind: Asset['kind'] = 'node'): Asset {
  const found = assets.find((a) => a.name === name && a.kind === kind);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

async function scan() {
  const { model } = await samples;
  const reader = await openCodeReader(model);
  try {
    return await scanCodeReferences(model.assets, (id) => reader.read(id), candidateProjects(model));
  } finally {
    await reader.close();
  }
}

describe('applyMapping on the dev sample', () => {
  it('rewrites retail_dev in every output, input and dependency, without touching the input model', async () => {
    const { model, prod } = await samples;
    const before = JSON.stringify(model.assets);
    const result = applyMapping(model, completeProfile(), { destination: prod, codeScan: await scan() });
    expect(JSON.stringify(model.assets)).toBe(before);
    const strings = result.assets.flatMap((a) => [
      ...a.outputs.map((o) => o.data),
      ...a.inputs.map((o) => o.data),
      ...a.dependencies.map((d) => d.output ?? ''),
    ]);
    expect(strings.filter((s) => s.startsWith('retail_dev'))).toEqual([]);
    expect(strings).toContain('retail_prod_root');
    expect(strings).toContain('retail_prod.dwd_orders');
    expect(strings).toContain('finance_prod.dwd_payments');
    // Originals follow: outputs, metadata, guids.
    expect(JSON.stringify(result.assets.map((a) => a.original))).not.toMatch(/retail_dev(?![_a-z])/);
    const table = byName(result.assets, 'ods_orders', 'table');
    expect(table.original).toMatchObject({
      guid: 'odps.retail_prod.default.ods_orders',
      calcEngine: { project: 'retail_prod' },
    });
  });

  it('rewrites SQL, PyODPS, Hologres and DI code on real node code', async () => {
    const { model, prod } = await samples;
    const codeScan = await scan();
    const result = applyMapping(model, completeProfile(), { destination: prod, codeScan });
    const reader = await openCodeReader(model);
    try {
      const code = async (name: string, kind: Asset['kind'] = 'node') => {
        const source = byName(model.assets, name, kind);
        const text = (await reader.read(source.id)) ?? '';
        return { before: text, after: result.rewriteCode(source, text) };
      };
      const payments = await code('dwd_order_payments');
      expect(payments.before).toContain('FROM    retail_dev.dwd_orders o');
      expect(payments.after).toContain('INSERT OVERWRITE TABLE retail_prod.dwd_order_payments');
      expect(payments.after).toContain('FROM    retail_prod.dwd_orders o');
      expect(payments.after).toContain('JOIN    finance_prod.dwd_payments p');
      expect(payments.after).not.toMatch(/retail_dev|finance_dev/);

      const rfm = await code('dws_customer_rfm');
      expect(rfm.after).toContain("project='retail_prod'");
      expect(rfm.after).toContain('FROM    retail_prod.dwd_orders');

      const holo = await code('holo_sync_sales');
      expect(holo.after).toContain('IMPORT FOREIGN SCHEMA retail_prod LIMIT TO');

      const di = await code('di_ods_orders');
      expect(di.after).toContain('"datasource": "mysql_orders_prd"');
      expect(di.after).toContain('"datasource": "retail_prod_mc"');
      expect(di.after).toContain(`"resourceGroup": "${groups.prodDi}"`);
      expect(di.after.split('\n').length).toBe(di.before.split('\n').length);

      const ddl = await code('dwd_orders', 'table');
      expect(ddl.after).toContain('CREATE TABLE IF NOT EXISTS retail_prod.dwd_orders');

      // The OSS bucket is not a project identifier: left alone (the samples README lists it as a warning).
      const landing = await code('check_landing_files');
      expect(landing.after).toBe(landing.before);

      // Every asset whose code changed is in codeChanges, and nothing else.
      const changed: string[] = [];
      for (const asset of model.assets) {
        if (!asset.code || asset.kind === 'resource' || asset.kind === 'datasource') continue;
        const text = (await reader.read(asset.id)) ?? '';
        if (result.rewriteCode(asset, text) !== text) changed.push(asset.id);
      }
      expect(new Set(result.codeChanges)).toEqual(new Set(changed));
    } finally {
      await reader.close();
    }
  });

  it('rewrites the DI job exactly as the prod sample holds di_ods_orders', async () => {
    const { model, prod } = await samples;
    const { readPackage } = await import('../formats/read-package');
    const prodModel = await readPackage((await import('./mapping-samples.test-support')).prodDir);
    const result = applyMapping(model, completeProfile(), { destination: prod, codeScan: await scan() });
    const devReader = await openCodeReader(model);
    const prodReader = await openCodeReader(prodModel);
    try {
      const dev = byName(model.assets, 'di_ods_orders');
      const prodNode = byName(prodModel.assets, 'di_ods_orders');
      expect(result.rewriteCode(dev, (await devReader.read(dev.id)) ?? '')).toBe(
        await prodReader.read(prodNode.id),
      );
      const mappedNode = result.assets.find((a) => a.id === dev.id);
      expect(mappedNode?.resourceGroup).toBe(groups.prodScheduling);
      expect(mappedNode?.original).toMatchObject({
        runtimeResource: { resourceGroup: groups.prodScheduling, resourceGroupId: '81533017' },
      });
      expect(mappedNode?.outputs).toEqual(prodNode.outputs);
      expect(mappedNode?.inputs).toEqual(prodNode.inputs);
    } finally {
      await devReader.close();
      await prodReader.close();
    }
  });

  it('maps compute resources, resource groups, owners and records what it applied', async () => {
    const { model, prod } = await samples;
    const result = applyMapping(model, completeProfile(), { destination: prod, codeScan: await scan() });
    const hive = byName(result.assets, 'hive_dwd_sessions');
    expect(hive.datasource).toEqual({ name: 'retail_prod_emr', type: 'emr' });
    expect(hive.owner).toBe(accounts.carol); // dave is not a prod member: the executor
    expect(hive.original).toMatchObject({
      owner: accounts.carol,
      metadata: { owner: accounts.carol, ownerName: 'carol@retail-demo.onaliyun.com' },
    });
    const applied = result.applied[hive.id] ?? [];
    expect(applied).toEqual(
      expect.arrayContaining([
        {
          kind: 'compute-resource',
          from: 'retail_dev_emr',
          to: 'retail_prod_emr',
          field: 'datasource',
          via: 'profile',
        },
        { kind: 'owner', from: accounts.dave, to: accounts.carol, field: 'owner', via: 'fallback' },
        { kind: 'project', from: 'retail_dev', to: 'retail_prod', field: 'outputs', via: 'profile' },
      ]),
    );
    const bobNode = byName(result.assets, 'dwd_orders');
    expect(bobNode.owner).toBe(accounts.bob);
    // The shared default group exists in prod under the same name: used as is, not unmapped.
    expect(byName(result.assets, 'ingest_start').resourceGroup).toBe(groups.shared);
    expect(result.notices.map((n) => n.code)).toContain('owner-fallback');
  });

  it('rewrites quality rules and renames mapped data source objects', async () => {
    const { model, prod } = await samples;
    const result = applyMapping(model, completeProfile(), { destination: prod });
    const rule = result.assets.find((a) => a.kind === 'quality-rule' && a.name === 'dwd_orders_not_empty');
    expect(rule?.dependencies.map((d) => d.output)).toEqual(['retail_prod.dwd_orders']);
    expect(rule?.original).toMatchObject({
      table: { guid: 'odps.retail_prod.default.dwd_orders' },
      calcEngine: { project: 'retail_prod' },
      schedulerNode: { output: 'retail_prod.dwd_orders' },
    });
    const dataSources = result.assets.filter((a) => a.kind === 'datasource').map((a) => a.name);
    expect(dataSources.sort()).toEqual([
      'mysql_crm',
      'mysql_legacy_erp',
      'mysql_orders_prd',
      'oss_landing_prd',
    ]);
  });

  it('with a complete profile, nothing is unmapped', async () => {
    const { model, prod } = await samples;
    const result = applyMapping(model, completeProfile(), { destination: prod, codeScan: await scan() });
    expect(result.unmapped).toEqual([]);
  });

  it('lists finance_dev and mysql_legacy_erp as unmapped when the profile leaves them out', async () => {
    const { model, prod } = await samples;
    const base = completeProfile();
    const profile = {
      ...base,
      projects: [],
      dataSources: base.dataSources.filter((d) => d.source !== 'mysql_legacy_erp'),
    };
    const result = applyMapping(model, profile, { destination: prod, codeScan: await scan() });
    const payments = byName(model.assets, 'dwd_order_payments');
    const erp = byName(model.assets, 'di_ods_erp_suppliers');
    expect(result.unmapped).toEqual([
      { kind: 'data-source', source: 'mysql_legacy_erp', type: null, where: [erp.id], fields: ['code'] },
      {
        kind: 'project',
        source: 'finance_dev',
        type: null,
        where: [payments.id],
        fields: ['inputs', 'dependencies', 'code'],
      },
    ]);
    // Unmapped references are kept as they are.
    expect(result.assets.find((a) => a.id === payments.id)?.inputs.map((i) => i.data)).toContain(
      'finance_dev.dwd_payments',
    );
  });

  it('leaves finance_dev alone when the profile ignores it', async () => {
    const { model, prod } = await samples;
    const profile = completeProfile({ projects: [{ source: 'finance_dev', ignore: true }] });
    const result = applyMapping(model, profile, { destination: prod, codeScan: await scan() });
    expect(result.unmapped).toEqual([]);
    const payments = result.assets.find((a) => a.name === 'dwd_order_payments');
    expect(payments?.inputs.map((i) => i.data)).toEqual([
      'retail_prod.dwd_orders',
      'finance_dev.dwd_payments',
    ]);
    expect(payments?.dependencies.map((d) => d.output)).toContain('finance_dev.dwd_payments');
    const reader = await openCodeReader(model);
    try {
      const source = byName(model.assets, 'dwd_order_payments');
      const after = result.rewriteCode(source, (await reader.read(source.id)) ?? '');
      expect(after).toContain('JOIN    finance_dev.dwd_payments p');
      expect(after).toContain('FROM    retail_prod.dwd_orders o');
    } finally {
      await reader.close();
    }
  });

  it('without a destination, owners are kept and unprofiled names are unmapped', async () => {
    const { model } = await samples;
    const result = applyMapping(model, completeProfile({ owner: { rule: 'default' } }));
    expect(byName(result.assets, 'hive_dwd_sessions').owner).toBe(accounts.dave);
    expect(result.unmapped.map((u) => `${u.kind}:${u.source}`)).toEqual([
      'resource-group:group_5302718846093152',
    ]);
    expect(result.codeChanges).toBeNull();
    expect(result.notices.map((n) => n.code)).toContain('owner-unchecked');
  });

  it('excludes objects on an ignored compute resource, with the reason, and notes the dangling downstream', async () => {
    const { model, prod } = await samples;
    const base = completeProfile();
    const profile = {
      ...base,
      computeResources: base.computeResources.map((c) =>
        c.engine === 'EMR' ? { source: c.source, engine: c.engine, ignore: true } : c,
      ),
    };
    const result = applyMapping(model, profile, { destination: prod, codeScan: await scan() });
    const emr = model.assets.filter((a) => a.datasource?.name === 'retail_dev_emr');
    expect(emr.length).toBe(6); // 4 Hive, the EMR shell node, the EMR jar resource
    expect(result.excluded.map((e) => e.assetId).sort()).toEqual(emr.map((a) => a.id).sort());
    expect(result.excluded[0].reason).toBe('compute resource retail_dev_emr is ignored by the profile');
    expect(result.assets.some((a) => a.datasource?.name === 'retail_dev_emr')).toBe(false);
    const dangling = result.notices.filter((n) => n.code === 'upstream-excluded').flatMap((n) => n.assetIds);
    expect(dangling).toEqual([byName(model.assets, 'notify_marketing').id]);
  });

  it('sets parameters by name and lands dry-run nodes as Skip (or Pause)', async () => {
    const { model, prod } = await samples;
    const profile = completeProfile({
      parameters: [{ name: 'backfill_date', value: '$[yyyymmdd-1]' }],
      dryRun: { recurrence: 'Pause', nodes: [], rules: [{ nodeType: 'HOLOGRES_SQL' }] },
    });
    const result = applyMapping(model, profile, { destination: prod });
    const backfill = byName(result.assets, 'backfill_ods_orders');
    expect(backfill.parameters).toEqual([
      expect.objectContaining({ name: 'backfill_date', value: '$[yyyymmdd-1]' }),
    ]);
    expect(backfill.original).toMatchObject({
      script: { parameters: [{ name: 'backfill_date', value: '$[yyyymmdd-1]' }] },
    });
    const holo = result.assets.filter((a) => a.nodeType === 'HOLOGRES_SQL');
    expect(holo.map((a) => a.schedule?.recurrence)).toEqual(['Pause', 'Pause', 'Pause', 'Pause']);
    expect(holo.every((a) => (a.original as { recurrence: string }).recurrence === 'Pause')).toBe(true);
    expect(result.dryRun.rules[0].count).toBe(4);
    expect(byName(result.assets, 'dwd_orders').schedule?.recurrence).toBe('Normal');
  });
});
