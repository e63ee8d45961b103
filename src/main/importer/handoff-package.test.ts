import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPackage } from '../formats/read-package';
import { groups } from '../mapping/mapping-samples.test-support';
import { compileCreateImportMigration, writeHandoffPackage } from './handoff-package';
import { buildHandPlan } from './test-support/hand-plan';
import {
  createImportFixture,
  materializerFor,
  testProfile,
  type ImportFixture,
} from './test-support/import-fixture';

let fx: ImportFixture;
beforeEach(() => {
  fx = createImportFixture('ferry-handoff-');
});
afterEach(() => fx.close());

describe('hand-off package for DataWorks', () => {
  it('compiles CreateImportMigration parameters as the JSON strings the API expects', () => {
    const params = compileCreateImportMigration(testProfile(), 'retail.handoff_1');
    expect(params).toMatchObject({ Name: 'retail.handoff_1', PackageType: 'SPEC' });
    expect(JSON.parse(params.CalculateEngineMap)).toEqual({
      ODPS: { retail_dev_mc: 'retail_prod_mc' },
      EMR: { retail_dev_emr: 'retail_prod_emr' },
      HOLOGRES: { retail_dev_holo: 'retail_prod_holo' },
    });
    expect(JSON.parse(params.ResourceGroupMap)).toEqual({
      SCHEDULER_RESOURCE_GROUP: { [groups.devScheduling]: groups.prodScheduling },
      DI_RESOURCE_GROUP: { [groups.devDi]: groups.prodDi },
    });
    expect(JSON.parse(params.WorkspaceMap)).toEqual({
      retail_dev: 'retail_prod',
      finance_dev: 'finance_prod',
    });
    expect(Object.keys(JSON.parse(params.CommitRule) as object).sort()).toEqual(
      [
        'resourceAutoCommit',
        'resourceAutoDeploy',
        'functionAutoCommit',
        'functionAutoDeploy',
        'tableAutoCommitToDev',
        'tableAutoCommitToProd',
        'ignoreLock',
        'fileAutoCommit',
        'fileAutoDeploy',
      ].sort(),
    );
    expect(() => compileCreateImportMigration(testProfile(), 'bad name')).toThrow(/only letters, digits/);
  });

  it('writes the mapped SPEC package and the parameters beside it', async () => {
    const profile = testProfile();
    const plan = await buildHandPlan({ packagePath: fx.dev, destination: fx.prod, profile });
    const materializer = await materializerFor(plan, profile);
    const out = path.join(fx.root, 'handoff');
    try {
      const handoff = await writeHandoffPackage({
        plan,
        profile,
        materializer,
        name: 'retail_handoff',
        outDir: out,
      });
      const params = JSON.parse(fs.readFileSync(handoff.parametersPath, 'utf8')) as Record<string, unknown>;
      expect(params.PackageType).toBe('SPEC');
      const model = await readPackage(handoff.packagePath);
      const landing = plan.objects.filter(
        (o) => ['create', 'update', 'unchanged'].includes(o.action) && o.kind !== 'workflow',
      );
      for (const o of landing)
        expect(
          model.assets.some((a) => a.id === o.assetId),
          o.name,
        ).toBe(true);
      expect(model.projectIdentifier).toBe('retail_prod');
      expect(model.assets.some((a) => a.outputs.some((x) => x.data.startsWith('retail_dev.')))).toBe(false);
    } finally {
      await materializer.close();
    }
  });
});
