import { describe, expect, it } from 'vitest';
import { ProjectRenamer } from './code-rewrite';
import { rewriteOriginal, type OriginalRewrite } from './original-rewrite';

/** Freezes a JSON value all the way down: any write into it throws (modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const node = () => ({
  id: '3325662330888406839',
  name: 'n00000_campaign',
  owner: '1107550004253538',
  recurrence: 'Normal',
  datasource: { name: 'retail_dev_mc', type: 'odps' },
  script: {
    path: 'flow/retail_dev/n00000_campaign',
    runtime: { engine: 'MaxCompute', command: 'ODPS_SQL' },
    parameters: [
      { name: 'bizdate', value: '$[yyyymmdd-1]' },
      { name: 'region', value: 'cn-hangzhou' },
    ],
  },
  trigger: { type: 'Scheduler', cron: '00 23 21 * * ?', recurrence: 'Normal' },
  runtimeResource: { resourceGroup: 'S_res_group_dev', resourceGroupId: '78210455' },
  metadata: {
    owner: '1107550004253538',
    ownerName: 'alice@example.com',
    tenantId: '5302718846093152',
    project: { projectIdentifier: 'retail_dev', projectName: 'Retail (dev)', projectId: '480213' },
    projectId: '480213',
  },
  inputs: { nodeOutputs: [{ data: 'retail_dev_root', artifactType: 'NodeOutput' }] },
  outputs: {
    nodeOutputs: [
      { data: '3325662330888406839', artifactType: 'NodeOutput', isDefault: true },
      { data: 'retail_dev.n00000_campaign', artifactType: 'NodeOutput', isDefault: false },
    ],
  },
  extension: { untouched: { deep: ['a', 'b'] } },
});

const rewrite = (over: Partial<OriginalRewrite> = {}): OriginalRewrite => ({
  renamer: new ProjectRenamer(new Map([['retail_dev', 'retail_prod']])),
  outputs: [
    { data: '3325662330888406839', refTableName: null, isDefault: null },
    { data: 'retail_prod.n00000_campaign', refTableName: null, isDefault: null },
  ],
  inputs: [{ data: 'retail_prod_root', refTableName: null, isDefault: null }],
  datasourceName: 'retail_prod_mc',
  resourceGroup: 'S_res_group_prod',
  resourceGroupId: '99000001',
  owner: '2208000000000001',
  ownerName: 'bob@example.com',
  parameterValues: new Map([['bizdate', '$[yyyymmdd-2]']]),
  recurrence: 'Skip',
  destination: {
    project: {
      identifier: 'retail_prod',
      displayName: 'Retail (prod)',
      id: '480999',
      tenantId: '6000000000000001',
    },
  } as OriginalRewrite['destination'],
  name: 'n00000_campaign_prod',
  ...over,
});

describe('rewriteOriginal', () => {
  it('sets every mapped field without writing into the original (which it shares where nothing changes)', () => {
    const original = deepFreeze(node());
    const out = rewriteOriginal(original, rewrite()) as ReturnType<typeof node>;
    expect(original).toEqual(node());
    expect(out).toMatchObject({
      name: 'n00000_campaign_prod',
      owner: '2208000000000001',
      recurrence: 'Skip',
      datasource: { name: 'retail_prod_mc', type: 'odps' },
      script: {
        path: 'flow/retail_prod/n00000_campaign',
        parameters: [
          { name: 'bizdate', value: '$[yyyymmdd-2]' },
          { name: 'region', value: 'cn-hangzhou' },
        ],
      },
      trigger: { recurrence: 'Skip', cron: '00 23 21 * * ?' },
      runtimeResource: { resourceGroup: 'S_res_group_prod', resourceGroupId: '99000001' },
      metadata: {
        owner: '2208000000000001',
        ownerName: 'bob@example.com',
        tenantId: '6000000000000001',
        projectId: '480999',
        project: { projectIdentifier: 'retail_prod', projectName: 'Retail (prod)', projectId: '480999' },
      },
      inputs: { nodeOutputs: [{ data: 'retail_prod_root' }] },
      outputs: { nodeOutputs: [{ data: '3325662330888406839' }, { data: 'retail_prod.n00000_campaign' }] },
    });
    expect(out.extension).toEqual(node().extension);
  });

  it('keeps the key order, and removes what it is told to', () => {
    const out = rewriteOriginal(
      deepFreeze(node()),
      rewrite({ resourceGroupId: null, ownerName: null }),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out)).toEqual(Object.keys(node()));
    expect(out.runtimeResource).toEqual({ resourceGroup: 'S_res_group_prod' });
    expect(Object.keys(out.metadata)).toEqual(['owner', 'tenantId', 'project', 'projectId']);
  });

  it('keeps a key named __proto__ as data, renamed like any other', () => {
    const original = deepFreeze(
      JSON.parse('{"name":"t","__proto__":{"guid":"odps.retail_dev.default.t"}}') as unknown,
    );
    const out = rewriteOriginal(original, rewrite({ name: null })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      guid: 'odps.retail_prod.default.t',
    });
  });
});
