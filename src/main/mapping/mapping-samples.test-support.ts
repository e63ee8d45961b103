import path from 'node:path';
import type { MappingProfileInput } from '../../shared/model/mapping-profile';
import { mappingProfileSchema } from '../../shared/model/mapping-profile';
import { readPackage } from '../formats/read-package';
import { readWorkspaceConfig } from '../workspace/workspace-config';

/** The sample workspaces (resources/samples): dev is the source, prod the destination. */
export const samplesDir = path.resolve(process.cwd(), 'resources/samples');
export const devDir = path.join(samplesDir, 'dev');
export const prodDir = path.join(samplesDir, 'prod');

export const accounts = {
  alice: '1107550004253538',
  bob: '1107550004253612',
  carol: '1107550004253790',
  dave: '1107550004253821',
  erin: '1107550004253904',
} as const;

export const groups = {
  devScheduling: 'S_res_group_5302718846093152_1716282400123',
  devDi: 'S_res_group_5302718846093152_1716282511456',
  prodScheduling: 'S_res_group_5302718846093152_1720694406789',
  prodDi: 'S_res_group_5302718846093152_1720694512001',
  shared: 'group_5302718846093152',
} as const;

export async function loadSamples() {
  const [model, dev, prod] = await Promise.all([
    readPackage(devDir),
    readWorkspaceConfig(devDir),
    readWorkspaceConfig(prodDir),
  ]);
  return { model, dev, prod };
}

/** The dev -> prod mapping of resources/samples/README.md, complete except for the choices a test makes. */
export function completeProfileInput(overrides: Partial<MappingProfileInput> = {}): MappingProfileInput {
  return {
    schemaVersion: 1,
    name: 'dev-to-prod',
    sourceProject: 'retail_dev',
    destinationProject: 'retail_prod',
    computeResources: [
      { source: 'retail_dev_mc', engine: 'MaxCompute', target: 'retail_prod_mc' },
      { source: 'retail_dev_emr', engine: 'EMR', target: 'retail_prod_emr' },
      { source: 'retail_dev_holo', engine: 'Hologres', target: 'retail_prod_holo' },
    ],
    resourceGroups: [
      { source: groups.devScheduling, type: 'scheduling', target: groups.prodScheduling },
      { source: groups.devDi, type: 'data-integration', target: groups.prodDi },
    ],
    projects: [{ source: 'finance_dev', target: 'finance_prod' }],
    dataSources: [
      { source: 'mysql_orders', type: 'mysql', target: 'mysql_orders_prd' },
      { source: 'oss_landing', type: 'oss', target: 'oss_landing_prd' },
      { source: 'mysql_legacy_erp', type: 'mysql', ignore: true },
    ],
    owner: { rule: 'default', map: {}, executor: accounts.carol },
    ...overrides,
  };
}

export function completeProfile(overrides: Partial<MappingProfileInput> = {}) {
  return mappingProfileSchema.parse(completeProfileInput(overrides));
}
