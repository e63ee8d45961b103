import { describe, expect, it } from 'vitest';
import { openCodeReader } from '../formats/read-package';
import { applyMapping } from './apply-mapping';
import { candidateProjects } from './mapping-context';
import { scanCodeReferences } from './code-rewrite';
import { accounts, groups, loadSamples } from './mapping-samples.test-support';
import { nameSimilarity } from './name-similarity';
import { SUGGESTION_THRESHOLD, suggestProfile } from './suggestions';

const samples = loadSamples();

async function codeScan() {
  const { model } = await samples;
  const reader = await openCodeReader(model);
  try {
    return await scanCodeReferences(model.assets, (id) => reader.read(id), candidateProjects(model));
  } finally {
    await reader.close();
  }
}

describe('nameSimilarity', () => {
  it('scores environment-only differences high and unrelated names low', () => {
    expect(nameSimilarity('retail_dev_mc', 'retail_prod_mc').score).toBe(0.9);
    expect(nameSimilarity('mysql_orders', 'mysql_orders_prd').score).toBe(0.9);
    expect(nameSimilarity('mysql_crm', 'mysql_crm').score).toBe(1);
    expect(nameSimilarity('finance_dev', 'retail_prod').score).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(nameSimilarity('mysql_legacy_erp', 'mysql_orders_prd', new Set(['mysql'])).score).toBeLessThan(
      SUGGESTION_THRESHOLD,
    );
  });
});

describe('suggestProfile dev -> prod', () => {
  it('proposes the obvious pairs and nothing for finance_dev, mysql_legacy_erp and dave', async () => {
    const { model, dev, prod } = await samples;
    const { profile, suggestions } = suggestProfile(model, dev, prod, { codeScan: await codeScan() });
    const pick = (section: string, source: string) =>
      suggestions.find((s) => s.section === section && s.source === source);

    expect(profile.sourceProject).toBe('retail_dev');
    expect(profile.destinationProject).toBe('retail_prod');
    expect(pick('projects', 'retail_dev')).toMatchObject({ target: 'retail_prod', score: 0.9 });
    expect(profile.computeResources).toEqual([
      { source: 'retail_dev_emr', engine: 'EMR', target: 'retail_prod_emr' },
      { source: 'retail_dev_holo', engine: 'Hologres', target: 'retail_prod_holo' },
      { source: 'retail_dev_mc', engine: 'MaxCompute', target: 'retail_prod_mc' },
    ]);
    // Resource groups by type: scheduling to scheduling (not the bulk one), DI to DI, the shared default as is.
    expect(profile.resourceGroups).toEqual([
      { source: groups.shared, type: 'scheduling', target: groups.shared },
      { source: groups.devScheduling, type: 'scheduling', target: groups.prodScheduling },
      { source: groups.devDi, type: 'data-integration', target: groups.prodDi },
    ]);
    expect(pick('resourceGroups', groups.devScheduling)?.reason).toContain(
      'retail-dev-scheduling -> retail-prod-scheduling',
    );
    expect(profile.dataSources).toEqual([
      { source: 'mysql_crm', type: 'mysql', target: 'mysql_crm' },
      { source: 'mysql_orders', type: 'mysql', target: 'mysql_orders_prd' },
      { source: 'oss_landing', type: 'oss', target: 'oss_landing_prd' },
    ]);
    // Nothing, or only weak scores, for what has no counterpart.
    expect(pick('projects', 'finance_dev')).toMatchObject({ target: null });
    expect(pick('projects', 'finance_dev')?.score).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(pick('dataSources', 'mysql_legacy_erp')).toMatchObject({ target: null });
    expect(pick('dataSources', 'mysql_legacy_erp')?.score).toBeLessThan(SUGGESTION_THRESHOLD);
    expect(pick('owners', accounts.dave)).toMatchObject({ target: null });
    expect(pick('owners', accounts.dave)?.reason).toContain('not a member of retail_prod');
    expect(profile.projects).toEqual([]);
    expect(profile.owner).toEqual({ rule: 'default', map: {} });
    // Members of prod need nothing.
    expect(pick('owners', accounts.bob)).toBeUndefined();
  });

  it('drafts a profile whose gate is exactly what the samples README says needs a decision', async () => {
    const { model, dev, prod } = await samples;
    const scan = await codeScan();
    const { profile } = suggestProfile(model, dev, prod, { codeScan: scan });
    const result = applyMapping(model, profile, { destination: prod, codeScan: scan });
    expect(result.unmapped.map((u) => `${u.kind}:${u.source}`)).toEqual([
      'data-source:mysql_legacy_erp',
      'owner:1107550004253821',
      'project:finance_dev',
    ]);
  });

  it('without the source workspace, still finds the pairs it can tell by name, and says when groups are ambiguous', async () => {
    const { model, prod } = await samples;
    const { profile, suggestions } = suggestProfile(model, null, prod);
    expect(profile.computeResources.map((c) => c.target)).toEqual([
      'retail_prod_emr',
      'retail_prod_holo',
      'retail_prod_mc',
    ]);
    const group = suggestions.find((s) => s.source === groups.devScheduling);
    expect(group?.target).toBeNull();
    expect(group?.reason).toContain('ambiguous');
  });

  it('keeps what an existing profile maps and suggests only the rest', async () => {
    const { model, dev, prod } = await samples;
    const first = suggestProfile(model, dev, prod, { codeScan: await codeScan() }).profile;
    const existing = { ...first, dataSources: [{ source: 'mysql_orders', target: 'mysql_crm' }] };
    const { profile, suggestions } = suggestProfile(model, dev, prod, {
      existing,
      codeScan: await codeScan(),
    });
    expect(profile.dataSources[0]).toEqual({ source: 'mysql_orders', target: 'mysql_crm' });
    expect(suggestions.some((s) => s.source === 'mysql_orders')).toBe(false);
    expect(suggestions.some((s) => s.section === 'computeResources')).toBe(false);
  });
});
