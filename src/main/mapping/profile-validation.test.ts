import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingProfileInput } from '../../shared/model/mapping-profile';
import {
  accounts,
  completeProfile,
  completeProfileInput,
  groups,
  loadSamples,
} from './mapping-samples.test-support';
import { validateProfile } from './profile-validation';
import { parseProfileYaml } from './profile-yaml';

const samples = loadSamples();

async function check(overrides: Partial<MappingProfileInput>) {
  const { dev, prod } = await samples;
  // Leaves out the one warning of the complete profile (the ignored mysql_legacy_erp), tested on its own below.
  return validateProfile(completeProfile(overrides), prod, { source: dev }).filter(
    (f) => f.path !== 'dataSources[2].ignore',
  );
}

describe('validateProfile against the prod sample', () => {
  it('accepts the complete dev -> prod profile, warning that the ignored mysql_legacy_erp is not in prod', async () => {
    const { dev, prod } = await samples;
    const findings = validateProfile(completeProfile(), prod, { source: dev });
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'ignored-not-in-destination',
        path: 'dataSources[2].ignore',
        message:
          'dataSources[2].ignore: keeps mysql_legacy_erp, which retail_prod does not have; create it there, map it, or leave its nodes out',
        rule: 'A data source maps to a destination data source of the same type',
      },
    ]);
  });

  it('accepts the example of docs/mapping-profile.md', async () => {
    const { prod, dev } = await samples;
    const doc = await fs.readFile(path.resolve(process.cwd(), 'docs/mapping-profile.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const profile = parseProfileYaml(example, 'mapping-profile.md');
    expect(profile.sourceProject).toBe('retail_dev');
    expect(validateProfile(profile, prod, { source: dev }).map((f) => f.code)).toEqual([
      'ignored-not-in-destination',
    ]);
  });

  it('refuses a resource group of another type, naming the key and the rule', async () => {
    const findings = await check({
      resourceGroups: [{ source: groups.devScheduling, type: 'scheduling', target: groups.prodDi }],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'resource-group-type-mismatch',
        path: 'resourceGroups[0].target',
        message: `resourceGroups[0].target: ${groups.prodDi} is a data-integration group; ${groups.devScheduling} is scheduling`,
      }),
    ]);
    expect(findings[0].rule).toContain('same type');
  });

  it('refuses compute resources, data sources and resource groups the destination does not have', async () => {
    const base = completeProfileInput();
    const findings = await check({
      computeResources: [
        { source: 'retail_dev_mc', engine: 'MaxCompute', target: 'retail_prd_mc' },
        ...(base.computeResources ?? []).slice(1),
      ],
      dataSources: [{ source: 'mysql_orders', type: 'mysql', target: 'mysql_orders_prod' }],
      resourceGroups: [{ source: groups.devScheduling, type: 'scheduling', target: 'S_res_group_nope' }],
    });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['unknown-compute-resource', 'computeResources[0].target'],
      ['unknown-resource-group', 'resourceGroups[0].target'],
      ['unknown-data-source', 'dataSources[0].target'],
    ]);
    expect(findings[0].message).toBe(
      'computeResources[0].target: retail_prod has no compute resource retail_prd_mc (its MaxCompute ones: retail_prod_mc)',
    );
    expect(findings[2].message).toContain('its mysql data sources: mysql_orders_prd, mysql_crm');
  });

  it('refuses a compute resource of another engine and a data source of another type', async () => {
    const findings = await check({
      computeResources: [{ source: 'retail_dev_mc', engine: 'MaxCompute', target: 'retail_prod_holo' }],
      dataSources: [{ source: 'mysql_orders', type: 'mysql', target: 'oss_landing_prd' }],
    });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['compute-engine-mismatch', 'computeResources[0].target'],
      ['data-source-type-mismatch', 'dataSources[0].target'],
    ]);
  });

  it('refuses ignore on the default and shared resource groups but allows it on an exclusive one', async () => {
    const findings = await check({
      resourceGroups: [
        { source: groups.shared, type: 'scheduling', ignore: true },
        { source: 'Serverless_res_group_shared_di', type: 'data-integration', ignore: true },
        { source: groups.devScheduling, type: 'scheduling', ignore: true },
      ],
    });
    expect(findings.map((f) => [f.severity, f.code, f.path])).toEqual([
      ['error', 'ignore-not-offered', 'resourceGroups[0].ignore'],
      ['error', 'ignore-not-offered', 'resourceGroups[1].ignore'],
      ['warning', 'ignored-not-in-destination', 'resourceGroups[2].ignore'],
    ]);
    expect(findings[0].message).toContain('default resource group');
  });

  it('refuses duplicate parameter names and duplicate entries', async () => {
    const findings = await check({
      parameters: [
        { name: 'bizdate', value: '$[yyyymmdd-1]' },
        { name: 'bizdate', value: '$[yyyymmdd]' },
      ],
      projects: [
        { source: 'finance_dev', target: 'finance_prod' },
        { source: 'finance_dev', ignore: true },
        { source: 'retail_dev', target: 'retail_prod' },
      ],
    });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['duplicate-entry', 'projects[1].source'],
      ['duplicate-entry', 'projects[2].source'],
      ['duplicate-parameter', 'parameters[1].name'],
    ]);
    expect(findings[2].rule).toBe('Parameter names must be unique within an import task');
  });

  it('refuses owner map targets and an executor that are not destination members', async () => {
    const findings = await check({
      owner: { rule: 'map', map: { [accounts.dave]: accounts.dave }, executor: '1107550004259999' },
    });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['owner-not-member', `owner.map.${accounts.dave}`],
      ['owner-not-member', 'owner.executor'],
    ]);
  });

  it('flags automatic deploy on a lower edition and an executor without a deploy role', async () => {
    const { prod } = await samples;
    const base = completeProfile({
      commitRules: { resourceAutoDeploy: true },
      owner: { rule: 'default', executor: accounts.bob },
    });
    const profile = { ...base, dataSources: base.dataSources.filter((d) => !d.ignore) };
    expect(validateProfile(profile, prod).map((f) => f.code)).toEqual(['executor-cannot-deploy']);
    expect(validateProfile(profile, { ...prod, edition: 'Standard' }).map((f) => f.code)).toEqual([
      'edition-too-low',
      'executor-cannot-deploy',
    ]);
  });

  it('refuses a profile for another destination project', async () => {
    const findings = await check({ destinationProject: 'retail_staging' });
    expect(findings.map((f) => f.code)).toEqual(['destination-project-mismatch']);
  });
});
