import type { Asset } from '../../shared/model/asset';
import type { InspectionCounts, ObjectRow, ProblemCounts } from '../../shared/model/inspection';
import type { PackageModel, Problem } from '../../shared/model/package-model';
import { openCodeReader, type CodeReader } from '../formats/read-package';
import { checkAssets, checkDatasourceUses } from './asset-checks';
import { checkCode } from './code-checks';
import { DependencyGraph } from './dependency-graph';
import type { WorkflowRef } from './workflow-index';

export interface InspectOptions {
  signal?: AbortSignal;
  /** Progress of the code scan (the only slow part): objects scanned and to scan. */
  onProgress?: (done: number, total: number) => void;
  /** Reads code; by default one is opened over the model's source and closed afterwards. */
  codeReader?: CodeReader;
  /** Skip reading code (no secret or code-reference checks); for callers that only need the structure. */
  skipCode?: boolean;
}

/**
 * Everything the Inspect step knows about a package. Holds the model (no code bodies) and per-object indices;
 * code is read again, redacted, only when one object is opened.
 */
export interface Inspection {
  model: PackageModel;
  graph: DependencyGraph;
  /** One row per asset, in asset order. */
  rows: ObjectRow[];
  counts: InspectionCounts;
  /** Errors, then warnings, then infos; within a severity the reader's problems first, then in package order. */
  problems: Problem[];
  problemCounts: ProblemCounts;
  /** Problem indices per object id; a cycle's problem is listed under every member. */
  problemsByObject: Map<string, number[]>;
  /** Objects whose code holds a secret. */
  secretIds: Set<string>;
  workflows: (WorkflowRef | null)[];
}

const severityRank = { error: 0, warning: 1, info: 2 } as const;

/**
 * Inspects a package model: counts, dependency graph, and every problem at once (dangling and external
 * dependencies, cycles, duplicate names, missing resources / functions / data sources, unknown node types,
 * secrets in code), merged with the reader's own problems. Linear in objects + dependencies + code size.
 */
export async function inspectPackage(model: PackageModel, options: InspectOptions = {}): Promise<Inspection> {
  const facts = checkAssets(model);
  const graph = new DependencyGraph(model.assets);
  const cycleProblems = graph.cycles().map((members) => cycleProblem(model.assets, members));

  let secretIds = new Set<string>();
  const codeProblems: Problem[] = [];
  const datasourceUses = [...facts.datasourceUses];
  if (!options.skipCode) {
    const reader = options.codeReader ?? (await openCodeReader(model, { signal: options.signal }));
    try {
      const scanned = await checkCode(model, reader, facts.resourceNames, options);
      secretIds = scanned.secretIds;
      codeProblems.push(...scanned.problems);
      datasourceUses.push(...scanned.datasourceUses);
    } finally {
      if (!options.codeReader) await reader.close();
    }
  }

  const own = [
    ...facts.problems,
    ...cycleProblems.map((c) => c.problem),
    ...checkDatasourceUses(datasourceUses, facts.datasourceNames),
    ...codeProblems,
  ];
  const problems = sortBySeverity([...model.problems, ...own]);

  const problemsByObject = new Map<string, number[]>();
  const index = (id: string, i: number) => {
    const list = problemsByObject.get(id);
    if (!list) problemsByObject.set(id, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const membersOf = new Map(cycleProblems.map((c) => [c.problem, c.members]));
  problems.forEach((problem, i) => {
    if (problem.objectId !== null) index(problem.objectId, i);
    for (const member of membersOf.get(problem) ?? []) index(member, i);
  });

  const rows = model.assets.map((asset, i) =>
    row(asset, facts.workflows[i], graph, i, problemsByObject.get(asset.id)?.length ?? 0),
  );
  return {
    model,
    graph,
    rows,
    counts: facts.counts,
    problems,
    problemCounts: countProblems(problems),
    problemsByObject,
    secretIds,
    workflows: facts.workflows,
  };
}

/** Stable: keeps package order within a severity. */
function sortBySeverity(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

function cycleProblem(assets: readonly Asset[], members: number[]): { problem: Problem; members: string[] } {
  const names = members.slice(0, 10).map((i) => assets[i].name);
  const more = members.length > 10 ? ` and ${members.length - 10} more` : '';
  const first = assets[members[0]];
  const message =
    members.length === 1
      ? `${first.kind} ${first.name} depends on itself in the same cycle`
      : `dependency cycle among ${members.length} objects: ${names.join(', ')}${more}`;
  return {
    problem: {
      severity: 'error',
      code: 'dependency-cycle',
      message,
      entry: first.origin.entry,
      objectId: first.id,
    },
    members: members.map((i) => assets[i].id),
  };
}

function row(
  asset: Asset,
  workflow: WorkflowRef | null,
  graph: DependencyGraph,
  index: number,
  problemCount: number,
): ObjectRow {
  return {
    id: asset.id,
    kind: asset.kind,
    name: asset.name,
    type: asset.nodeType,
    workflowId: workflow?.id ?? null,
    workflow: workflow?.name ?? null,
    path: asset.folderPath,
    owner: asset.owner,
    engine: asset.engine,
    dependsOn: graph.upstream(index).map((link) => graph.ids[link.index]),
    problemCount,
  };
}

/** Problems by severity and by code. */
export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const counts: ProblemCounts = { error: 0, warning: 0, info: 0, byCode: {} };
  for (const problem of problems) {
    counts[problem.severity]++;
    counts.byCode[problem.code] = (counts.byCode[problem.code] ?? 0) + 1;
  }
  return counts;
}
