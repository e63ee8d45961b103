import { describe, expect, it } from 'vitest';
import { importMigrationParams } from './import-migration-params';
import { completeProfile, groups } from './mapping-samples.test-support';

describe('importMigrationParams', () => {
  it('compiles the dev -> prod profile into CreateImportMigration maps', () => {
    const base = completeProfile({ commitRules: { resourceAutoCommit: true } });
    const profile = {
      ...base,
      resourceGroups: [
        ...base.resourceGroups,
        { source: groups.shared, type: 'scheduling' as const, ignore: true },
      ],
    };
    expect(importMigrationParams(profile)).toEqual({
      CalculateEngineMap: {
        ODPS: { retail_dev_mc: 'retail_prod_mc' },
        EMR: { retail_dev_emr: 'retail_prod_emr' },
        HOLOGRES: { retail_dev_holo: 'retail_prod_holo' },
      },
      ResourceGroupMap: {
        SCHEDULER_RESOURCE_GROUP: { [groups.devScheduling]: groups.prodScheduling },
        DI_RESOURCE_GROUP: { [groups.devDi]: groups.prodDi },
      },
      WorkspaceMap: { retail_dev: 'retail_prod', finance_dev: 'finance_prod' },
      CommitRule: {
        resourceAutoCommit: true,
        resourceAutoDeploy: false,
        functionAutoCommit: false,
        functionAutoDeploy: false,
        tableAutoCommitToDev: false,
        tableAutoCommitToProd: false,
        fileAutoCommit: false,
        fileAutoDeploy: false,
        ignoreLock: false,
      },
    });
  });
});
