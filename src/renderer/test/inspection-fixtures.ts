import type {
  InspectionProblem,
  InspectionSummary,
  ObjectDetails,
  ObjectRow,
} from '../../shared/model/inspection';

/** A synthetic inspected package: `n` nodes spread over two workflows, plus two data sources outside them. */
export function makeRows(n: number): ObjectRow[] {
  const rows: ObjectRow[] = Array.from({ length: n }, (_, i) => ({
    id: String(1000 + i),
    kind: 'node',
    name: `node_${i}`,
    type: i % 2 ? 'ODPS_SQL' : 'DI',
    workflowId: i % 2 ? 'wf:b' : 'wf:a',
    workflow: i % 2 ? 'wf_b' : 'wf_a',
    path: `业务流程/${i % 2 ? 'wf_b' : 'wf_a'}/MaxCompute/数据开发`,
    owner: 'alice',
    engine: 'MaxCompute',
    dependsOn: i > 0 ? [String(999 + i)] : [],
    problemCount: i === 3 ? 1 : 0,
  }));
  for (const env of ['DEV', 'PRD']) {
    rows.push({
      id: `datasource:${env}`,
      kind: 'datasource',
      name: 'mysql_orders',
      type: 'mysql',
      workflowId: null,
      workflow: null,
      path: `mysql/rds/${env}`,
      owner: null,
      engine: null,
      dependsOn: [],
      problemCount: 0,
    });
  }
  return rows;
}

export function makeSummary(rows: ObjectRow[]): InspectionSummary {
  const inWf = (id: string) => rows.filter((r) => r.workflowId === id).length;
  return {
    format: 'spec-package',
    container: 'zip',
    sourcePath: '/p.zip',
    projectIdentifier: 'retail_dev',
    objectCount: rows.length,
    counts: {
      byKind: { node: rows.filter((r) => r.kind === 'node').length, datasource: 2 },
      byNodeType: { DI: 1, ODPS_SQL: 1 },
      byEngine: { MaxCompute: 1 },
      byOwner: { alice: 1 },
      byWorkflow: [
        { id: 'wf:a', name: 'wf_a', count: inWf('wf:a') },
        { id: 'wf:b', name: 'wf_b', count: inWf('wf:b') },
      ],
      dependencies: { internal: 1, external: 1 },
    },
    problemCounts: { error: 0, warning: 1, info: 0, byCode: { 'external-dependency': 1 } },
  };
}

export const crossProject: InspectionProblem = {
  severity: 'warning',
  code: 'external-dependency',
  message: 'node node_3 depends on finance_dev.dwd_payments from project finance_dev (cross-project)',
  entry: 'x.json',
  objectId: '1003',
};

export function makeDetails(row: ObjectRow): ObjectDetails {
  return {
    row,
    sourceId: null,
    resourceGroup: null,
    datasource: null,
    schedule: null,
    parameters: [],
    inputs: [],
    outputs: [],
    dependencies: [],
    upstream: [],
    downstream: [],
    origin: { entry: 'x.json', pointer: '' },
    codeLanguage: 'odps-sql',
    code: 'SELECT 1;',
    codeOmitted: null,
    redacted: false,
    original: null,
    problems: [],
  };
}

/** `inspect:objects` over `rows`, with the filters the backend applies. */
export function objectsHandler(rows: ObjectRow[]) {
  return ({
    offset = 0,
    limit = 500,
    filters = {},
  }: {
    offset?: number;
    limit?: number;
    filters?: { workflowId?: string; kind?: string; search?: string; nodeType?: string };
  }) => {
    const matching = rows.filter(
      (r) =>
        (!filters.workflowId || r.workflowId === filters.workflowId) &&
        (!filters.kind || r.kind === filters.kind) &&
        (!filters.nodeType || r.type === filters.nodeType) &&
        (!filters.search || r.name.includes(filters.search)),
    );
    return { total: matching.length, rows: matching.slice(offset, offset + limit) };
  };
}
