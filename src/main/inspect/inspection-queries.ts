import { FerryError } from '../../shared/errors';
import type { Asset } from '../../shared/model/asset';
import type {
  InspectionSummary,
  ObjectDetails,
  ObjectFilters,
  ObjectGraph,
  ObjectLink,
  ObjectPage,
  ProblemPage,
  ProblemSeverity,
} from '../../shared/model/inspection';
import { readCode, readOriginal } from '../formats/read-package';
import { isScanned, looksBinary } from './code-checks';
import type { Inspection } from './inspect-package';
import { findSecrets, redactSecrets, redactValue } from './secret-scanner';

/** Code larger than this is not sent to the detail view. */
const maxCodeChars = 2 * 1024 * 1024;
/** A graph view beyond this many nodes is unreadable anyway. */
const maxGraphNodes = 500;

/** The headline numbers of an inspection. */
export function summaryOf(inspection: Inspection): InspectionSummary {
  const { model } = inspection;
  return {
    format: model.format,
    container: model.container,
    sourcePath: model.sourcePath,
    projectIdentifier: model.projectIdentifier,
    objectCount: model.assets.length,
    counts: inspection.counts,
    problemCounts: inspection.problemCounts,
  };
}

/** A page of the object list after filters; linear in the number of objects. */
export function pageOfObjects(
  inspection: Inspection,
  offset: number,
  limit: number,
  filters: ObjectFilters = {},
): ObjectPage {
  const search = filters.search?.trim().toLowerCase() || null;
  const withProblem =
    filters.problemCode === undefined ? null : idsWithProblem(inspection, filters.problemCode);
  const matching = inspection.rows.filter(
    (row) =>
      (filters.kind === undefined || row.kind === filters.kind) &&
      (filters.workflowId === undefined || row.workflowId === filters.workflowId) &&
      (filters.nodeType === undefined || row.type === filters.nodeType) &&
      (filters.engine === undefined || row.engine === filters.engine) &&
      (filters.owner === undefined || row.owner === filters.owner) &&
      (withProblem === null || withProblem.has(row.id)) &&
      (search === null ||
        row.name.toLowerCase().includes(search) ||
        row.id.toLowerCase().includes(search) ||
        row.path.toLowerCase().includes(search)),
  );
  return { total: matching.length, rows: matching.slice(offset, offset + limit) };
}

function idsWithProblem(inspection: Inspection, code: string): Set<string> {
  const ids = new Set<string>();
  for (const [id, indices] of inspection.problemsByObject) {
    if (indices.some((i) => inspection.problems[i].code === code)) ids.add(id);
  }
  return ids;
}

/** A page of problems, optionally of one severity and/or one code. */
export function pageOfProblems(
  inspection: Inspection,
  offset: number,
  limit: number,
  filters: { severity?: ProblemSeverity; code?: string } = {},
): ProblemPage {
  const matching =
    filters.severity === undefined && filters.code === undefined
      ? inspection.problems
      : inspection.problems.filter(
          (p) =>
            (filters.severity === undefined || p.severity === filters.severity) &&
            (filters.code === undefined || p.code === filters.code),
        );
  return { total: matching.length, problems: matching.slice(offset, offset + limit) };
}

function assetAt(inspection: Inspection, id: string): { asset: Asset; index: number } {
  const index = inspection.graph.indexOf(id);
  if (index === undefined)
    throw new FerryError('not-found', `${inspection.model.sourcePath}: no object ${id} in this package`);
  return { asset: inspection.model.assets[index], index };
}

const link = (asset: Asset): ObjectLink => ({
  id: asset.id,
  name: asset.name,
  kind: asset.kind,
  type: asset.nodeType,
});

/**
 * One object with its neighbours, problems and code. Code is read from the package now (never kept), and
 * redacted whenever it holds a secret, as is the source fragment; binaries and huge files are not sent.
 */
export async function objectDetails(inspection: Inspection, id: string): Promise<ObjectDetails> {
  const { asset, index } = assetAt(inspection, id);
  const { graph, model } = inspection;
  let code: string | null = null;
  let codeOmitted: string | null = null;
  let redacted = false;
  if (asset.code !== null) {
    if (!isScanned(asset)) codeOmitted = `${asset.kind} files are not shown`;
    else if (asset.code.size > maxCodeChars)
      codeOmitted = `code is ${asset.code.size} bytes, too large to show`;
    else {
      const text = await readCode(model, asset.id);
      if (text !== null && looksBinary(text)) codeOmitted = 'binary content';
      else if (text !== null) {
        const hits = findSecrets(text);
        redacted = hits.length > 0;
        code = redactSecrets(text, hits);
      }
    }
  }
  const original = redactValue(asset.original ?? (await readOriginal(model, asset.id)));
  return {
    row: inspection.rows[index],
    sourceId: asset.sourceId,
    resourceGroup: asset.resourceGroup,
    datasource: asset.datasource,
    schedule: asset.schedule,
    parameters: asset.parameters.map((p) => ({
      ...p,
      value: p.value === null ? null : redactSecrets(p.value),
    })),
    inputs: asset.inputs.map((o) => o.data),
    outputs: asset.outputs.map((o) => o.data),
    dependencies: asset.dependencies,
    upstream: graph.upstream(index).map((l) => link(model.assets[l.index])),
    downstream: graph.downstream(index).map((l) => link(model.assets[l.index])),
    origin: { entry: asset.origin.entry, pointer: asset.origin.pointer },
    codeLanguage: asset.code?.language ?? null,
    code,
    codeOmitted,
    redacted: redacted || original.redacted,
    original: original.value,
    problems: (inspection.problemsByObject.get(id) ?? []).map((i) => inspection.problems[i]),
  };
}

/** The dependency neighbourhood of one object, `depth` hops each way. */
export function objectGraph(inspection: Inspection, id: string, depth: number): ObjectGraph {
  assetAt(inspection, id);
  return inspection.graph.neighbourhood(id, depth, maxGraphNodes, (asset) => {
    const at = inspection.graph.indexOf(asset.id)!;
    return {
      id: asset.id,
      name: asset.name,
      kind: asset.kind,
      type: asset.nodeType,
      workflow: inspection.workflows[at]?.name ?? null,
    };
  });
}
