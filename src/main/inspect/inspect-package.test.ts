import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readPackage } from '../formats/read-package';
import { fixture } from '../test-support/fixtures';
import { inspectPackage, type Inspection } from './inspect-package';
import { objectGraph, pageOfObjects } from './inspection-queries';
import { cleanupTempSpecs, flowSpec, writeTempSpec, type TestNode } from './test-packages.test-support';

afterEach(cleanupTempSpecs);

const samples = fileURLToPath(new URL('../../../resources/samples/', import.meta.url));

async function inspect(filePath: string): Promise<Inspection> {
  return inspectPackage(await readPackage(filePath));
}

async function inspectNodes(
  nodes: TestNode[],
  extra: Parameters<typeof flowSpec>[1] = {},
): Promise<Inspection> {
  return inspect(writeTempSpec(flowSpec(nodes, extra)));
}

const codes = (inspection: Inspection, severity?: string) =>
  inspection.problems
    .filter((p) => severity === undefined || p.severity === severity)
    .map((p) => `${p.code}@${p.objectId}`);

describe('dependencies', () => {
  it('tells a dangling dependency (error) from a cross-project one (warning) and the own root (nothing)', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'a', depends: ['proj_root'] },
      { id: '2', name: 'b', depends: ['proj.a', 'finance.payments', 'proj.gone', '4242', 'other_root'] },
    ]);
    expect(codes(inspection, 'error')).toEqual(['dangling-dependency@2', 'dangling-dependency@2']);
    expect(inspection.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'node b depends on proj.gone, which nothing in the package produces',
      'node b depends on 4242, which nothing in the package produces',
    ]);
    expect(codes(inspection, 'warning')).toEqual(['external-dependency@2']);
    expect(
      inspection.problems.find((p) => p.code === 'external-dependency' && p.severity === 'warning')?.message,
    ).toContain('finance.payments from project finance');
    expect(
      inspection.problems.filter((p) => p.code === 'external-dependency' && p.severity === 'info'),
    ).toHaveLength(1);
    expect(inspection.counts.dependencies).toEqual({ internal: 1, external: 5 });
    expect(inspection.rows.find((r) => r.id === '2')?.dependsOn).toEqual(['1']);
  });

  it('reports a cycle once, listing its members, and files it under every member', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'start', depends: ['proj_root'] },
      { id: '2', name: 'x', depends: ['proj.start', 'proj.z'] },
      { id: '3', name: 'y', depends: ['proj.x'] },
      { id: '4', name: 'z', depends: ['proj.y'] },
      { id: '5', name: 'self', depends: ['5'] },
    ]);
    const cycles = inspection.problems.filter((p) => p.code === 'dependency-cycle');
    expect(cycles.map((p) => [p.severity, p.objectId, p.message])).toEqual([
      ['error', '2', 'dependency cycle among 3 objects: x, y, z'],
      ['error', '5', 'node self depends on itself in the same cycle'],
    ]);
    for (const id of ['2', '3', '4']) expect(inspection.problemsByObject.get(id)).toHaveLength(1);
    expect(
      pageOfObjects(inspection, 0, 10, { problemCode: 'dependency-cycle' }).rows.map((r) => r.id),
    ).toEqual(['2', '3', '4', '5']);
  });

  it('gives the neighbourhood of one object to a depth, with external inputs as their own nodes', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'a', depends: ['proj_root'] },
      { id: '2', name: 'b', depends: ['proj.a', 'fin.t'] },
      { id: '3', name: 'c', depends: ['proj.b'] },
      { id: '4', name: 'd', depends: ['proj.c'] },
    ]);
    const graph = objectGraph(inspection, '2', 1);
    expect(graph.nodes.map((n) => [n.id, n.kind, n.depth]).sort()).toEqual([
      ['1', 'node', 1],
      ['2', 'node', 0],
      ['3', 'node', 1],
      ['external:fin.t', 'external', 1],
    ]);
    expect(graph.edges).toContainEqual({ from: '1', to: '2', type: 'Normal' });
    expect(graph.edges).toContainEqual({ from: '2', to: '3', type: 'Normal' });
    expect(graph.edges).toContainEqual({ from: 'external:fin.t', to: '2', type: 'Normal' });
    expect(objectGraph(inspection, '2', 3).nodes.map((n) => n.id)).toContain('4');
  });
});

describe('objects and references', () => {
  it('flags the same name twice in one folder, but not in two folders', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'same' },
      { id: '2', name: 'same' },
      { id: '3', name: 'same', folder: 'biz/wf/other' },
    ]);
    expect(codes(inspection).filter((c) => c.startsWith('duplicate-name'))).toEqual(['duplicate-name@2']);
  });

  it('flags unknown and missing node types, and accepts the documented ones', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'a', type: 'ODPS_SQL' },
      { id: '2', name: 'b', type: 'Oracle' },
      { id: '3', name: 'c', type: 'bash' },
      { id: '4', name: 'd', type: null },
      { id: '5', name: 'e', type: 'PAI_FLOW_RAG_SYNC_INDEX' },
    ]);
    expect(codes(inspection, 'warning')).toEqual(['unknown-node-type@3', 'missing-node-type@4']);
  });

  it('flags resources and functions a node uses that the package does not carry, declared or in code', async () => {
    const inspection = await inspectNodes(
      [
        { id: '1', name: 'a', fileResources: ['have.jar', 'lost.jar'], functions: ['have_fn', 'lost_fn'] },
        {
          id: '2',
          name: 'b',
          type: 'DIDE_SHELL',
          code: '##@resource_reference{"have.jar"}\n##@resource_reference{"gone.py"}\njava -jar have.jar',
        },
        { id: '3', name: 'c', code: '--@resource_reference{"lost.jar"}\nselect 1' },
      ],
      {
        fileResources: [{ id: 'r1', name: 'have.jar', type: 'jar' }],
        functions: [{ id: 'f1', name: 'have_fn', type: 'OTHER' }],
      },
    );
    expect(codes(inspection, 'warning').sort()).toEqual(
      ['missing-function@1', 'missing-resource@1', 'missing-resource@2', 'missing-resource@3'].sort(),
    );
    expect(inspection.problems.find((p) => p.objectId === '2')?.message).toContain('gone.py');
  });

  it('checks data sources against the package when it carries some, else notes each name once', async () => {
    const users: TestNode[] = [
      { id: '1', name: 'a', type: 'MYSQL', datasource: { name: 'mysql_orders', type: 'mysql' } },
      { id: '2', name: 'b', type: 'MYSQL', datasource: { name: 'mysql_crm', type: 'mysql' } },
      { id: '3', name: 'c', type: 'MYSQL', datasource: { name: 'mysql_crm', type: 'mysql' } },
      { id: '4', name: 'd', datasource: { name: 'my_maxcompute', type: 'odps' } },
    ];
    const carried = await inspectNodes(users, {
      datasources: [{ id: 'd1', name: 'mysql_orders', type: 'mysql', config: '{}' }],
    });
    expect(codes(carried).filter((c) => c.includes('datasource'))).toEqual([
      'missing-datasource@2',
      'missing-datasource@3',
    ]);
    const none = await inspectNodes(users);
    expect(
      none.problems.filter((p) => p.code.includes('datasource')).map((p) => [p.severity, p.message]),
    ).toEqual([
      ['info', 'data source mysql_orders (used by a) is not in the package; the destination must have it'],
      [
        'info',
        'data source mysql_crm (used by b and 1 more) is not in the package; the destination must have it',
      ],
    ]);
  });

  it('finds secrets in code and data source configs without putting them in messages', async () => {
    const inspection = await inspectNodes(
      [
        {
          id: '1',
          name: 'a',
          type: 'DIDE_SHELL',
          code: 'echo start\nexport DB_PASSWORD=Hunter2Secret!\nak=LTAI5tQ9rXw2ZpLm7VbN3cYd\n',
        },
      ],
      {
        datasources: [
          {
            id: 'd1',
            name: 'pg',
            type: 'postgresql',
            config: '{"url":"jdbc:postgresql://etl:Pg-Secret-77@db:5432/x"}',
          },
        ],
      },
    );
    const secrets = inspection.problems.filter((p) => p.code === 'secret-in-code');
    expect(secrets.map((p) => [p.objectId, p.message])).toEqual([
      ['1', 'node a: 2 secrets in its code: DB_PASSWORD (line 2), LTAI… (line 3) (shown redacted)'],
      [
        'datasource:d1',
        'datasource pg: a secret in its connection settings: postgresql:// password (line 1) (shown redacted)',
      ],
    ]);
    expect([...inspection.secretIds].sort()).toEqual(['1', 'datasource:d1']);
    const all = JSON.stringify(inspection.problems);
    for (const secret of ['Hunter2Secret!', 'LTAI5tQ9rXw2ZpLm7VbN3cYd', 'Pg-Secret-77'])
      expect(all).not.toContain(secret);
  });

  it('filters the object list by kind, workflow, type, owner, problem code and text', async () => {
    const inspection = await inspectNodes([
      { id: '1', name: 'load_orders', type: 'DI' },
      { id: '2', name: 'dwd_orders', depends: ['proj.load_orders', 'proj.gone'] },
      { id: '3', name: 'dws_sales', depends: ['proj.dwd_orders'] },
    ]);
    expect(pageOfObjects(inspection, 0, 10, { kind: 'workflow' }).rows.map((r) => r.name)).toEqual(['wf']);
    expect(pageOfObjects(inspection, 0, 10, { workflowId: 'wf1' }).total).toBe(3);
    expect(pageOfObjects(inspection, 0, 10, { nodeType: 'DI' }).rows.map((r) => r.id)).toEqual(['1']);
    expect(
      pageOfObjects(inspection, 0, 10, { owner: 'alice', search: 'ORDERS' }).rows.map((r) => r.id),
    ).toEqual(['1', '2']);
    expect(
      pageOfObjects(inspection, 0, 10, { problemCode: 'dangling-dependency' }).rows.map((r) => r.id),
    ).toEqual(['2']);
    expect(pageOfObjects(inspection, 1, 1, {})).toMatchObject({
      total: 4,
      rows: [{ id: '1', workflow: 'wf', problemCount: 0 }],
    });
  });
});

describe('real fixtures (counted by hand from the files)', () => {
  it('real/cycle_workflow_spec.json: 1 workflow, 15 nodes (6 inside do-while/for-each), 13 dependencies, 13 types', async () => {
    const inspection = await inspect(fixture('flowspec', 'real', 'cycle_workflow_spec.json'));
    expect(inspection.model.projectIdentifier).toBe('reg_upgrade0702');
    expect(inspection.counts.byKind).toEqual({ workflow: 1, node: 15 });
    expect(inspection.counts.byNodeType).toEqual({
      DIDE_SHELL: 3,
      PARAM_HUB: 1,
      CONTROLLER_ASSIGNMENT: 1,
      CONTROLLER_CYCLE: 1,
      CONTROLLER_CYCLE_START: 1,
      CONTROLLER_CYCLE_END: 1,
      CONTROLLER_JOIN: 1,
      CONTROLLER_BRANCH: 1,
      VIRTUAL: 1,
      CONTROLLER_TRAVERSE: 1,
      CONTROLLER_TRAVERSE_START: 1,
      CONTROLLER_TRAVERSE_END: 1,
      PYTHON: 1,
    });
    expect(inspection.counts.byWorkflow).toEqual([
      { id: '7322159560488851894', name: 'workflow1', count: 15 },
    ]);
    expect(inspection.counts.dependencies).toEqual({ internal: 13, external: 0 });
    expect(inspection.graph.edges).toBe(13);
    // join1 waits for both branch arms; the arms depend on the branch through its named outputs.
    expect(inspection.rows.find((r) => r.name === 'join1')?.dependsOn.sort()).toEqual([
      '8841665445732735117',
      '9221517664676278215',
    ]);
    expect(inspection.rows.find((r) => r.name === 'pyhon1')?.dependsOn).toEqual(['7525339864785788978']);
    expect(inspection.problems).toEqual([]);
  });

  it('cycle_workflow.json: 1 workflow, 6 nodes (3 in the PAI flow), 4 internal dependencies and the root input', async () => {
    const inspection = await inspect(fixture('flowspec', 'cycle_workflow.json'));
    expect(inspection.counts.byKind).toEqual({ workflow: 1, node: 6 });
    expect(inspection.counts.byNodeType).toEqual({
      ODPS_SQL: 2,
      PAI_FLOW: 1,
      PAI_FLOW_TF_READ_FILE_DATA: 1,
      PAI_FLOW_RAG_SYNC_INDEX: 1,
      PAI_FLOW_RAG_TEXT_PARSE_CHUNK: 1,
    });
    expect(inspection.counts.dependencies).toEqual({ internal: 4, external: 1 });
    expect(inspection.problemCounts).toMatchObject({ error: 0, warning: 0, info: 2 });
    expect(inspection.problems.map((p) => p.code)).toEqual(['external-dependencies', 'external-dependency']);
  });

  it('manual_workflow.json: 1 manual workflow, 6 ODPS_SQL nodes, 9 depends entries that are 5 distinct edges', async () => {
    const inspection = await inspect(fixture('flowspec', 'manual_workflow.json'));
    expect(inspection.counts.byKind).toEqual({ workflow: 1, node: 6 });
    expect(inspection.rows.find((r) => r.kind === 'workflow')).toMatchObject({
      name: 'teest',
      type: 'MANUAL_WORKFLOW',
    });
    expect(inspection.counts.byNodeType).toEqual({ ODPS_SQL: 6 });
    expect(inspection.counts.dependencies).toEqual({ internal: 5, external: 0 });
    expect(inspection.graph.edges).toBe(5);
    expect(inspection.problems).toEqual([]);
  });

  it('spec-package/test: 1 workflow folder, 1 ODPS_SQL node with its code file, no dependencies', async () => {
    const inspection = await inspect(fixture('spec-package', 'test'));
    expect(inspection.model.format).toBe('spec-package');
    expect(inspection.counts.byKind).toEqual({ workflow: 1, node: 1 });
    expect(inspection.counts.byNodeType).toEqual({ ODPS_SQL: 1 });
    expect(inspection.counts.byEngine).toEqual({ MaxCompute: 1 });
    expect(inspection.counts.byWorkflow).toMatchObject([{ name: 'test_flow1', count: 1 }]);
    expect(inspection.counts.dependencies).toEqual({ internal: 0, external: 0 });
    expect(inspection.rows.find((r) => r.kind === 'node')).toMatchObject({
      name: 'test1',
      workflow: 'test_flow1',
    });
    expect(inspection.problems).toEqual([]);
  });

  it('dev sample: finance_dev.dwd_payments is an external (cross-project) dependency, not an error', async () => {
    const inspection = await inspect(path.join(samples, 'dev'));
    expect(inspection.problemCounts.error).toBe(0);
    const external = inspection.problems.filter((p) => p.code === 'external-dependency');
    expect(external).toHaveLength(1);
    expect(external[0]).toMatchObject({ severity: 'warning', objectId: '3121785465980795512' });
    expect(external[0].message).toContain('finance_dev.dwd_payments');
    expect(inspection.problems.filter((p) => p.code === 'secret-in-code')).toEqual([]);
    expect(inspection.counts.byKind).toEqual({
      node: 45,
      workflow: 5,
      resource: 5,
      function: 2,
      table: 17,
      datasource: 4,
      // The two DataQuality rules on dwd_orders (read since the reader reads DataQuality/).
      'quality-rule': 2,
    });
    expect(inspection.counts.byWorkflow.map((w) => [w.name, w.count])).toEqual([
      ['retail_dw', 32],
      ['retail_ingest', 18],
      ['retail_marketing', 9],
      ['retail_serving', 6],
      ['retail_backfill', 4],
    ]);
    // dws_customer_rfm depends on its own previous cycle: a setting, not a cycle.
    expect(inspection.problems.filter((p) => p.code === 'dependency-cycle')).toEqual([]);
  });
});
