import { describe, expect, it } from 'vitest';
import type { Asset } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { accounts, completeProfile, groups, loadSamples } from '../mapping/mapping-samples.test-support';
import { landingState } from './commit-rules';
import {
  checkCombination,
  checkComputeMapped,
  checkComputeTypes,
  checkEditionLimits,
  checkExecutorRole,
  checkParameterNames,
  checkQualityRules,
  checkResourceGroupIgnore,
  computeReferences,
} from './seed-rules';

const samples = loadSamples();
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('seed rule: supported combinations', () => {
  it('refuses a standard-mode source and a DataStudio version change either way; says when it cannot check', () => {
    expect(
      checkCombination({ mode: 'basic', dataStudio: 'legacy' }, { mode: 'basic', dataStudio: 'legacy' }),
    ).toEqual([]);
    expect(
      checkCombination({ mode: 'basic', dataStudio: 'new' }, { mode: 'standard', dataStudio: 'new' }),
    ).toEqual([]);
    expect(
      checkCombination({ mode: 'basic', dataStudio: 'legacy' }, { mode: 'standard', dataStudio: 'legacy' }),
    ).toEqual([]);
    for (const destination of ['basic', 'standard'] as const) {
      const found = checkCombination(
        { mode: 'standard', dataStudio: 'new' },
        { mode: destination, dataStudio: 'new' },
      );
      expect(found).toMatchObject([
        { severity: 'error', code: 'standard-mode-source', rule: 'supported-combination', assetId: null },
      ]);
      // The consultant is told why, and what to do instead.
      expect(found[0].message).toMatch(/standard-mode/);
      expect(found[0].message).toMatch(/basic-mode workspace/);
      expect(found[0].message).toMatch(/deployment/);
    }
    expect(
      codes(checkCombination({ mode: 'basic', dataStudio: 'new' }, { mode: 'basic', dataStudio: 'legacy' })),
    ).toEqual(['datastudio-version-mismatch']);
    expect(
      codes(
        checkCombination({ mode: 'basic', dataStudio: 'legacy' }, { mode: 'standard', dataStudio: 'new' }),
      ),
    ).toEqual(['datastudio-version-mismatch']);
    expect(
      codes(
        checkCombination({ mode: 'standard', dataStudio: 'new' }, { mode: 'standard', dataStudio: 'legacy' }),
      ),
    ).toEqual(['standard-mode-source', 'datastudio-version-mismatch']);
    expect(checkCombination(null, { mode: 'standard', dataStudio: 'new' })).toMatchObject([
      { severity: 'info', code: 'combination-unchecked', rule: 'supported-combination' },
    ]);
  });

  it('passes the shipped samples: a basic-mode dev into the standard-mode prod', async () => {
    const { dev, prod } = await samples;
    expect([dev.mode, prod.mode]).toEqual(['basic', 'standard']);
    expect(checkCombination(dev, prod)).toEqual([]);
  });
});

describe('seed rules: compute resources', () => {
  it('needs at least one compute resource mapped', async () => {
    const { model, dev, prod } = await samples;
    const none = completeProfile({ computeResources: [] });
    const refs = computeReferences(model.assets, none, prod, dev);
    expect(checkComputeMapped(refs, none, prod)).toMatchObject([
      { severity: 'error', rule: 'compute-resource-mapped' },
    ]);
    expect(checkComputeMapped(refs, completeProfile(), prod)).toEqual([]);
  });

  it('reports a source engine the destination lacks, unless every object on it is excluded', async () => {
    const { model, dev, prod } = await samples;
    const noEmr: WorkspaceConfig = {
      ...prod,
      computeResources: prod.computeResources.filter((c) => c.engine !== 'EMR'),
    };
    const refs = computeReferences(model.assets, completeProfile(), noEmr, dev);
    expect(refs.get('retail_dev_emr')?.engine).toBe('EMR');
    const found = checkComputeTypes(refs, new Set(), noEmr);
    expect(found).toMatchObject([
      { severity: 'error', rule: 'compute-type-available', code: 'compute-type-missing' },
    ]);
    expect(found[0].message).toContain('EMR');
    expect(checkComputeTypes(refs, new Set(refs.get('retail_dev_emr')!.assetIds), noEmr)).toEqual([]);
    expect(
      checkComputeTypes(computeReferences(model.assets, completeProfile(), prod, dev), new Set(), prod),
    ).toEqual([]);
  });
});

describe('seed rule: resource group ignore', () => {
  it('is not offered for default and shared groups', async () => {
    const { dev, prod } = await samples;
    const profile = completeProfile({
      resourceGroups: [
        { source: groups.shared, type: 'scheduling', ignore: true },
        { source: 'Serverless_res_group_shared_di', type: 'data-integration', ignore: true },
        { source: groups.devScheduling, type: 'scheduling', ignore: true },
      ],
    });
    const found = checkResourceGroupIgnore(profile, prod, dev);
    expect(found.map((f) => f.rule)).toEqual(['resource-group-ignore', 'resource-group-ignore']);
    expect(found[0].message).toContain('default');
    expect(found[1].message).toContain('shared');
  });
});

describe('seed rule: parameter names', () => {
  it('must be unique within a task', () => {
    const p = (name: string) => ({ name, value: '1', type: 'Constant', scope: 'NodeParameter' });
    const found = checkParameterNames([
      { id: '1', name: 'ok', parameters: [p('a'), p('b')] },
      { id: '2', name: 'twice', parameters: [p('bizdate'), p('x'), p('bizdate')] },
    ]);
    expect(found).toMatchObject([{ assetId: '2', rule: 'unique-parameter-names', severity: 'error' }]);
    expect(found[0].message).toContain('bizdate');
  });
});

describe('seed rule: executor role', () => {
  it('needs a member, and O&M, Deploy or Workspace Administrator to deploy', async () => {
    const { prod } = await samples;
    expect(checkExecutorRole(accounts.carol, prod, true)).toEqual([]);
    expect(checkExecutorRole(accounts.alice, prod, true)).toEqual([]);
    expect(checkExecutorRole(accounts.bob, prod, false)).toEqual([]);
    expect(codes(checkExecutorRole(accounts.bob, prod, true))).toEqual(['executor-cannot-deploy']);
    expect(codes(checkExecutorRole(accounts.dave, prod, false))).toEqual(['executor-not-member']);
    expect(checkExecutorRole(null, prod, false)).toMatchObject([
      { severity: 'warning', rule: 'executor-role' },
    ]);
  });
});

describe('seed rule: edition limits', () => {
  it('automatic commit/deploy and OSS import need Professional or Enterprise; local upload is at most 30 MB', () => {
    const auto = completeProfile({ commitRules: { fileAutoCommit: true } });
    expect(codes(checkEditionLimits(auto, { edition: 'Standard' }, null))).toEqual([
      'auto-commit-needs-edition',
    ]);
    expect(checkEditionLimits(auto, { edition: 'Professional' }, null)).toEqual([]);
    const big = 31 * 1024 * 1024;
    expect(checkEditionLimits(completeProfile(), { edition: 'Enterprise' }, big)).toMatchObject([
      { severity: 'warning', code: 'package-over-upload-limit' },
    ]);
    expect(checkEditionLimits(completeProfile(), { edition: 'Basic' }, big)).toMatchObject([
      { severity: 'error', code: 'oss-import-needs-edition' },
    ]);
    expect(checkEditionLimits(completeProfile(), { edition: 'Basic' }, 30 * 1024 * 1024)).toEqual([]);
  });
});

describe('seed rules: quality rules', () => {
  const rule = (guid: string) =>
    ({
      id: 'quality-rule:1',
      name: 'r',
      original: { table: { guid, name: guid.split('.').pop() } },
    }) as unknown as Asset;
  it('warns when the table is missing after the import, and always that alert settings do not travel', () => {
    const tables = new Set(['odps.retail_prod.default.dwd_orders', 'dwd_orders']);
    expect(
      checkQualityRules([rule('odps.retail_prod.default.dwd_orders')], tables).map((f) => f.rule),
    ).toEqual(['quality-rule-alerts']);
    const missing = checkQualityRules([rule('odps.retail_prod.default.gone')], tables);
    expect(missing.map((f) => `${f.severity}:${f.rule}`)).toEqual([
      'warning:quality-rule-table',
      'warning:quality-rule-alerts',
    ]);
  });
});

describe('commit rules', () => {
  it('decide the landing state per kind; deploy implies commit', () => {
    const rules = completeProfile().commitRules;
    expect(landingState('node', rules)).toBe('saved');
    expect(landingState('node', { ...rules, fileAutoDeploy: true })).toBe('deployed');
    expect(landingState('resource', { ...rules, resourceAutoCommit: true })).toBe('committed');
    expect(landingState('function', { ...rules, functionAutoDeploy: true })).toBe('deployed');
    expect(landingState('table', { ...rules, tableAutoCommitToDev: true })).toBe('committed');
    expect(landingState('table', { ...rules, tableAutoCommitToProd: true })).toBe('deployed');
    expect(landingState('quality-rule', { ...rules, fileAutoCommit: true })).toBe('committed');
  });
});
