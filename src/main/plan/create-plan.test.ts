import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../shared/model/asset';
import type { MappingProfileInput } from '../../shared/model/mapping-profile';
import type { Plan, PlanObject } from '../../shared/model/plan';
import { openCodeReader, readPackage } from '../formats/read-package';
import { accounts, completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { createPlan, type CreatePlanInput } from './create-plan';
import { snapshotDestination } from './destination-snapshot';
import { readPlanFile, writePlanFile } from './plan-file';
import { DEFAULT_DIFFS, preparePackageSide } from './code-scan';

const samples = (async () => {
  const [model, dev, prod, prodSnapshot, devSnapshot] = await Promise.all([
    readPackage(devDir),
    readWorkspaceConfig(devDir),
    readWorkspaceConfig(prodDir),
    snapshotDestination(prodDir),
    snapshotDestination(devDir),
  ]);
  return { model, dev, prod, prodSnapshot, devSnapshot };
})();

/** 2024-07-01 10:00 in Shanghai. */
const now = new Date('2024-07-01T02:00:00Z');

async function plan(overrides: Partial<MappingProfileInput> = {}, input: Partial<CreatePlanInput> = {}): Promise<Plan> {
  const { model, dev, prodSnapshot } = await samples;
  return createPlan({
    model,
    profile: completeProfile(overrides),
    destination: prodSnapshot,
    source: { config: dev },
    executor: accounts.carol,
    now,
    ...input,
  });
}

function object(p: Plan, name: string, kind: Asset['kind'] = 'node'): PlanObject {
  const found = p.objects.find((o) => o.name === name && o.kind === kind);
  if (!found) throw new Error(`no ${kind} ${name} in the plan`);
  return found;
}

describe('createPlan with a code scan made beforehand (beside the destination read)', () => {
  it('gives the same plan with it, and ignores one made against another workspace.json', async () => {
    const { model, prod } = await samples;
    const profile = completeProfile();
    const scanAgainst = async (destinationConfig: typeof prod) => {
      const reader = await openCodeReader(model);
      try {
        return await preparePackageSide({ model, reader, profile, executor: accounts.carol, destinationConfig, diffs: DEFAULT_DIFFS });
      } finally {
        await reader.close();
      }
    };
    const plain = await plan();
    const scanned = await scanAgainst(prod);
    expect(await plan({}, { packageSide: scanned })).toEqual(plain);
    // A scan without code shows whether a given scan is used: it is for the same workspace.json, not for another one.
    const empty = { ...scanned, codes: new Map() };
    expect(await plan({}, { packageSide: { ...empty, destinationConfig: structuredClone(prod) } })).not.toEqual(plain);
    expect(await plan({}, { packageSide: { ...empty, destinationConfig: { ...prod, computeResources: [] } } })).toEqual(plain);
  });
});

describe('createPlan: dev -> prod samples', () => {
  it('shows the update, the unchanged objects prod already has, and the dwd_orders conflict', async () => {
    const p = await plan();
    expect(object(p, 'di_ods_customers')).toMatchObject({ action: 'update', codeChanged: true });
    expect(object(p, 'di_ods_customers').beforeHash).not.toBe(object(p, 'di_ods_customers').afterHash);
    const unchanged = p.objects.filter((o) => o.action === 'unchanged').map((o) => `${o.kind}:${o.name}`);
    expect(unchanged.sort()).toEqual(
      [
        'node:ingest_start',
        'node:di_ods_orders',
        'table:ods_orders',
        'table:ods_customers',
        'resource:retail-udf-1.4.0.jar',
        'resource:sku_aliases.txt',
        'function:normalize_sku',
        // The workflow folders exist in prod already.
        'workflow:retail_ingest',
        'workflow:retail_dw',
      ].sort(),
    );
    for (const o of p.objects.filter((x) => x.action === 'unchanged')) expect(o.beforeHash).toBe(o.afterHash);
    const conflict = object(p, 'dwd_orders');
    expect(conflict).toMatchObject({ action: 'conflict', conflictWith: { id: '3526101358839707142', name: 'dwd_orders' } });
    expect(p.findings).toContainEqual(expect.objectContaining({ rule: 'name-conflict', severity: 'error', assetId: conflict.assetId }));
    expect(p.summary).toMatchObject({ update: 1, unchanged: 9, conflict: 1, gate: 0, importable: false });
    expect(p.summary.create + p.summary.update + p.summary.unchanged + p.summary.conflict + p.summary.excluded).toBe(p.summary.total);
  });

  it('hands dave’s objects to the executor under the default owner rule, and says so', async () => {
    const p = await plan();
    const marketing = p.objects.filter((o) => o.folderPath.includes('retail_marketing') && o.kind === 'node');
    expect(marketing).toHaveLength(8);
    for (const o of marketing) {
      expect(o.destination.owner).toBe(accounts.carol);
      expect(o.mappingsApplied).toContainEqual(expect.objectContaining({ section: 'owner', from: accounts.dave, to: accounts.carol, via: 'fallback' }));
    }
    expect(object(p, 'segment-export-2.1.jar', 'resource').destination.owner).toBe(accounts.carol);
    expect(object(p, 'dwd_customers').destination.owner).toBe(accounts.alice);
    expect(p.findings).toContainEqual(expect.objectContaining({ rule: 'owner-fallback' }));
  });

  it('lists mysql_legacy_erp and finance_dev in the gate when the profile neither maps nor ignores them', async () => {
    const complete = completeProfile();
    const p = await plan({ projects: [], dataSources: complete.dataSources.filter((d) => d.source !== 'mysql_legacy_erp') });
    expect(p.gate.map((g) => `${g.kind}:${g.source}:${g.fix}`).sort()).toEqual(['data-source:mysql_legacy_erp:dataSources', 'project:finance_dev:projects']);
    const { model } = await samples;
    const idOf = (name: string) => model.assets.find((a) => a.name === name && a.kind === 'node')!.id;
    expect(p.gate.find((g) => g.source === 'finance_dev')!.assetIds).toContain(idOf('dwd_order_payments'));
    expect(p.gate.find((g) => g.source === 'mysql_legacy_erp')!.assetIds).toContain(idOf('di_ods_erp_suppliers'));
    expect(p.gate[0].message).toMatch(/neither mapped nor ignored/);
    expect(p.summary.importable).toBe(false);
  });

  it('with a complete profile and conflict policy skip, the gate is empty and the plan is importable', async () => {
    const p = await plan({ conflictPolicy: 'skip' });
    expect(p.gate).toEqual([]);
    expect(object(p, 'dwd_orders')).toMatchObject({ action: 'excluded' });
    expect(p.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(p.summary.importable).toBe(true);
  });

  it('resolves the conflict by overwrite (update that object) and by rename (create under a free name)', async () => {
    const over = object(await plan({ conflictPolicy: 'overwrite' }), 'dwd_orders');
    expect(over).toMatchObject({ action: 'update', destination: { id: '3526101358839707142', currentState: 'deployed' } });
    expect(over.beforeHash).not.toBeNull();
    const renamed = object(await plan({ conflictPolicy: 'rename' }), 'dwd_orders');
    expect(renamed).toMatchObject({ action: 'create', destination: { id: renamed.assetId, name: 'dwd_orders_1' } });
  });

  it('binds data sources mapped to the destination’s own instead of importing them', async () => {
    const p = await plan();
    expect(p.objects.filter((o) => o.kind === 'datasource' && o.name === 'mysql_orders').every((o) => o.action === 'excluded')).toBe(true);
    expect(p.objects.filter((o) => o.kind === 'datasource' && o.name === 'mysql_legacy_erp').every((o) => o.action === 'create')).toBe(true);
  });

  it('orders waves: data sources < resources < functions < tables < nodes upstream first, quality rules last', async () => {
    const { model, dev, prodSnapshot } = await samples;
    const table = model.assets.find((a) => a.kind === 'table' && a.name === 'dwd_orders')!;
    const rule: Asset = {
      ...table,
      id: 'quality-rule:1',
      sourceId: '1',
      kind: 'quality-rule',
      name: 'dwd_orders_not_empty',
      code: null,
      datasource: null,
      original: { table: { guid: 'odps.retail_dev.default.dwd_orders', name: 'dwd_orders' } },
    };
    const p = await createPlan({ model: { ...model, assets: [rule, ...model.assets] }, profile: completeProfile(), destination: prodSnapshot, source: { config: dev }, executor: accounts.carol, now });
    const kindRank = ['datasource', 'resource', 'function', 'table', 'workflow', 'node', 'quality-rule'];
    const waveKind = (o: PlanObject) => kindRank.indexOf(p.waves[o.wave].kind);
    for (const o of p.objects) expect(waveKind(o)).toBe(kindRank.indexOf(o.kind));
    for (let i = 1; i < p.objects.length; i += 1) expect(p.objects[i].wave).toBeGreaterThanOrEqual(p.objects[i - 1].wave);
    const waveOf = new Map(p.objects.map((o) => [o.assetId, o.wave]));
    for (const a of model.assets.filter((x) => x.kind === 'node'))
      for (const d of a.dependencies) if (d.targetId && d.targetId !== a.id && d.type === 'Normal') expect(waveOf.get(d.targetId)!).toBeLessThan(waveOf.get(a.id)!);
    expect(waveOf.get('resource:1335425619062120628')!).toBeLessThan(waveOf.get('function:2652886555059358211')!);
    // Quality rules: the table is created by this import, so only the alert reminder.
    expect(p.findings.filter((f) => f.assetId === rule.id).map((f) => f.rule)).toEqual(['quality-rule-alerts']);
  });

  it('reports a dependency cycle naming its members', async () => {
    const { model, dev, prodSnapshot } = await samples;
    const byName = (n: string) => model.assets.find((a) => a.kind === 'node' && a.name === n)!;
    const start = byName('ingest_start');
    const done = byName('ingest_done');
    const looped = { ...start, dependencies: [...start.dependencies, { type: 'Normal', output: null, nodeId: done.id, refTableName: null, targetId: done.id }] };
    const p = await createPlan({
      model: { ...model, assets: model.assets.map((a) => (a.id === start.id ? looped : a)) },
      profile: completeProfile(),
      destination: prodSnapshot,
      source: { config: dev },
      executor: accounts.carol,
      now,
    });
    const cycle = p.findings.find((f) => f.rule === 'dependency-cycle');
    expect(cycle?.severity).toBe('error');
    expect(cycle?.message).toContain('ingest_start');
    expect(cycle?.message).toContain('ingest_done');
    expect(cycle?.message).toContain('di_ods_orders');
  });

  it('records code diffs for rewritten nodes only', async () => {
    const p = await plan();
    const payments = object(p, 'dwd_order_payments');
    expect(payments.codeChanged).toBe(true);
    expect(payments.diff?.text).toMatch(/^-.*finance_dev\.dwd_payments/m);
    expect(payments.diff?.text).toMatch(/^\+.*finance_prod\.dwd_payments/m);
    const virtual = object(p, 'dw_start');
    expect(virtual).toMatchObject({ codeChanged: false, diff: null });
    expect((await plan({}, { diffs: false })).objects.every((o) => o.diff === null)).toBe(true);
  });

  it('lands objects by the commit rules and gives deployed nodes an effect day', async () => {
    const saved = await plan();
    expect(object(saved, 'dwd_customers')).toMatchObject({ destination: { landingState: 'saved' }, effect: { rule: 'not-deployed', day: null } });
    const late = new Date('2024-07-01T15:31:00Z'); // 23:31 in Shanghai
    const deployed = await plan({ commitRules: { fileAutoCommit: true, fileAutoDeploy: true, resourceAutoCommit: true } }, { now: late });
    expect(object(deployed, 'dwd_customers')).toMatchObject({ destination: { landingState: 'deployed' }, effect: { rule: 't+1-after-2330', day: '2024-07-03' } });
    expect(object(deployed, 'mask_udf.py', 'resource').destination.landingState).toBe('committed');
    expect(object(deployed, 'holo_refresh_dashboard').effect?.rule).toMatch(/^immediately-/);
    expect(object(deployed, 'ingest_start')).toMatchObject({ action: 'unchanged', effect: null, destination: { landingState: 'deployed' } });
  });

  it('marks dry-run nodes with a flag on their create/update', async () => {
    const { model } = await samples;
    const id = model.assets.find((a) => a.name === 'di_ods_customers')!.id;
    const p = await plan({ dryRun: { recurrence: 'Skip', nodes: [id], rules: [{ nameGlob: 'hive_*' }] } });
    expect(object(p, 'di_ods_customers')).toMatchObject({ action: 'update', dryRun: { recurrence: 'Skip' } });
    expect(object(p, 'hive_user_segments')).toMatchObject({ action: 'create', dryRun: { recurrence: 'Skip' } });
    expect(p.summary.dryRun).toBe(5);
  });

  it('a workspace planned against itself is unchanged throughout (a re-import changes nothing)', async () => {
    const { model, dev, devSnapshot } = await samples;
    const p = await createPlan({
      model,
      profile: completeProfile({ destinationProject: 'retail_dev', computeResources: [], resourceGroups: [], projects: [{ source: 'finance_dev', ignore: true }], dataSources: [] }),
      destination: devSnapshot,
      source: { config: dev },
      executor: accounts.alice,
      now,
    });
    expect(p.objects.filter((o) => o.action !== 'unchanged').map((o) => `${o.kind}:${o.name}:${o.action}`)).toEqual([]);
    expect(p.gate).toEqual([]);
  });

  it('excludes objects on an ignored compute resource', async () => {
    const p = await plan({
      computeResources: [
        { source: 'retail_dev_mc', engine: 'MaxCompute', target: 'retail_prod_mc' },
        { source: 'retail_dev_emr', engine: 'EMR', ignore: true },
        { source: 'retail_dev_holo', engine: 'Hologres', target: 'retail_prod_holo' },
      ],
    });
    expect(object(p, 'hive_user_segments')).toMatchObject({ action: 'excluded', reason: expect.stringContaining('retail_dev_emr') as string });
  });
});

describe('plan hashes and file', () => {
  it('round-trips the dev -> prod plan through a file', async () => {
    const p = await plan();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-plan-'));
    try {
      await writePlanFile(path.join(dir, 'plan.json'), p);
      expect(await readPlanFile(path.join(dir, 'plan.json'))).toEqual(p);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('changes the package, profile and destination hashes when each changes, and only then', async () => {
    const { model, dev, prod, prodSnapshot } = await samples;
    const base = await plan();
    expect((await plan()).hashes).toEqual(base.hashes);
    const otherProfile = await plan({ conflictPolicy: 'skip' });
    expect(otherProfile.hashes.profile).not.toBe(base.hashes.profile);
    expect(otherProfile.hashes.package).toEqual(base.hashes.package);
    const edited = { ...model, assets: model.assets.map((a, i) => (i === 0 ? { ...a, contentHash: 'edited' } : a)) };
    const otherPackage = await createPlan({ model: edited, profile: completeProfile(), destination: prodSnapshot, source: { config: dev }, executor: accounts.carol, now });
    expect(otherPackage.hashes.package.value).not.toBe(base.hashes.package.value);
    expect(otherPackage.hashes.destination).toBe(base.hashes.destination);
    const movedOn = { ...prod, states: { ...prod.states, '3526101358839707142': { state: 'committed' as const } } };
    const otherDestination = await createPlan({ model, profile: completeProfile(), destination: { ...prodSnapshot, config: movedOn }, source: { config: dev }, executor: accounts.carol, now });
    expect(otherDestination.hashes.destination).not.toBe(base.hashes.destination);
    expect(base.hashes.package.method).toBe('assets-sha256');
  });
});
