import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPackage } from '../formats/read-package';
import { readWorkspaceConfig } from './workspace-config';

const samples = fileURLToPath(new URL('../../../resources/samples/', import.meta.url));

// The samples are the fixtures of later mapping/plan tests; these checks pin what resources/samples/README.md promises.
describe('sample workspaces read as SPEC packages', () => {
  it('dev: 45 nodes of 12 types, and only the cross-project and root inputs are external', async () => {
    const model = await readPackage(path.join(samples, 'dev'));
    expect(model.format).toBe('spec-package');
    expect(model.projectIdentifier).toBe('retail_dev');
    const count = (kind: string) => model.assets.filter((a) => a.kind === kind).length;
    expect([
      count('node'),
      count('workflow'),
      count('resource'),
      count('function'),
      count('table'),
      count('datasource'),
    ]).toEqual([45, 5, 5, 2, 17, 4]);
    expect(new Set(model.assets.filter((a) => a.kind === 'node').map((a) => a.nodeType)).size).toBe(12);
    const external = model.assets.flatMap((a) =>
      a.dependencies.filter((d) => d.targetId === null).map((d) => d.output),
    );
    expect(external.sort()).toEqual(['finance_dev.dwd_payments', 'retail_dev_root']);
    expect(model.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('workspace.json states are keyed by the asset ids the reader produces', async () => {
    for (const name of ['dev', 'prod']) {
      const folder = path.join(samples, name);
      const [model, config] = await Promise.all([readPackage(folder), readWorkspaceConfig(folder)]);
      const ids = new Set(model.assets.map((a) => a.id));
      const keys = Object.keys(config.states);
      if (name === 'dev') expect(keys.filter((id) => id.startsWith('quality-rule:'))).toHaveLength(2);
      expect(keys.filter((id) => !ids.has(id))).toEqual([]);
    }
  });

  it('prod shares identities with dev, and dwd_orders is the one same-named node with another id', async () => {
    const [dev, prod] = await Promise.all([
      readPackage(path.join(samples, 'dev')),
      readPackage(path.join(samples, 'prod')),
    ]);
    const devById = new Map(dev.assets.filter((a) => a.kind !== 'workflow').map((a) => [a.id, a]));
    const shared = prod.assets.filter((a) => devById.has(a.id)).map((a) => a.name);
    expect(shared.sort()).toEqual(
      [
        'di_ods_customers',
        'di_ods_orders',
        'ingest_start',
        'normalize_sku',
        'ods_customers',
        'ods_orders',
        'retail-udf-1.4.0.jar',
        'sku_aliases.txt',
      ].sort(),
    );
    const devNodeNames = new Map(dev.assets.filter((a) => a.kind === 'node').map((a) => [a.name, a.id]));
    const conflicts = prod.assets.filter(
      (a) => a.kind === 'node' && devNodeNames.has(a.name) && devNodeNames.get(a.name) !== a.id,
    );
    expect(conflicts.map((a) => a.name)).toEqual(['dwd_orders']);
  });
});
