import { z } from 'zod';
import { assetKindSchema, dependencySchema, scheduleSchema, parameterSchema } from './asset';
import { packageFormatSchema, problemSchema } from './package-model';

/**
 * What the Inspect step shows about a package: counts, a filterable object list, the dependency graph around
 * one object and every validation problem. Only summaries cross the API; the model stays in the backend.
 */

export const problemSeverities = ['error', 'warning', 'info'] as const;
export const problemSeveritySchema = z.enum(problemSeverities);
export type ProblemSeverity = z.infer<typeof problemSeveritySchema>;

/** One workflow and how many objects it holds (names can repeat across folders, so the id is the key). */
export const workflowCountSchema = z.object({ id: z.string(), name: z.string(), count: z.number() });
export type WorkflowCount = z.infer<typeof workflowCountSchema>;

/** Counts over the whole package; absent values (no engine, no owner) are not counted. */
export const inspectionCountsSchema = z.object({
  byKind: z.record(z.string(), z.number()),
  /** Node types (DataWorks commands) of assets of kind `node`. */
  byNodeType: z.record(z.string(), z.number()),
  byEngine: z.record(z.string(), z.number()),
  byOwner: z.record(z.string(), z.number()),
  /** Objects (other than the workflow itself) per workflow, in package order. */
  byWorkflow: z.array(workflowCountSchema),
  /** Dependencies between objects of the package, and those that point outside it. */
  dependencies: z.object({ internal: z.number(), external: z.number() }),
});
export type InspectionCounts = z.infer<typeof inspectionCountsSchema>;

export const problemCountsSchema = z.object({
  error: z.number(),
  warning: z.number(),
  info: z.number(),
  byCode: z.record(z.string(), z.number()),
});
export type ProblemCounts = z.infer<typeof problemCountsSchema>;

export const inspectionSummarySchema = z.object({
  format: packageFormatSchema,
  container: z.string(),
  sourcePath: z.string(),
  projectIdentifier: z.string().nullable(),
  objectCount: z.number(),
  counts: inspectionCountsSchema,
  problemCounts: problemCountsSchema,
});
export type InspectionSummary = z.infer<typeof inspectionSummarySchema>;

/** One line of the object list. */
export const objectRowSchema = z.object({
  id: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  /** Node type for nodes, the object's own type (`jar`, `mysql`, ...) for the rest. */
  type: z.string().nullable(),
  workflowId: z.string().nullable(),
  /** Workflow name, when the workflow is known. */
  workflow: z.string().nullable(),
  /** Folder path (DataStudio folder, without the object's own name). */
  path: z.string(),
  owner: z.string().nullable(),
  engine: z.string().nullable(),
  /** Ids of the package objects this one depends on (resolved dependencies only). */
  dependsOn: z.array(z.string()),
  problemCount: z.number(),
});
export type ObjectRow = z.infer<typeof objectRowSchema>;

export const objectFiltersSchema = z
  .object({
    kind: assetKindSchema.optional(),
    workflowId: z.string().optional(),
    nodeType: z.string().optional(),
    engine: z.string().optional(),
    owner: z.string().optional(),
    problemCode: z.string().optional(),
    /** Case-insensitive substring of the name, id or path. */
    search: z.string().optional(),
  })
  .strict();
export type ObjectFilters = z.infer<typeof objectFiltersSchema>;

export const objectPageSchema = z.object({ total: z.number(), rows: z.array(objectRowSchema) });
export type ObjectPage = z.infer<typeof objectPageSchema>;

export const inspectionProblemSchema = problemSchema;
export type InspectionProblem = z.infer<typeof inspectionProblemSchema>;

export const problemPageSchema = z.object({ total: z.number(), problems: z.array(inspectionProblemSchema) });
export type ProblemPage = z.infer<typeof problemPageSchema>;

/** A neighbour in the object detail view. */
export const objectLinkSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: assetKindSchema,
  type: z.string().nullable(),
});
export type ObjectLink = z.infer<typeof objectLinkSchema>;

/**
 * Everything the detail pane shows. `code` and `original` are redacted where secrets were found; code of
 * binaries, resources and very large files is not sent (`codeOmitted` says why).
 */
export const objectDetailsSchema = z.object({
  row: objectRowSchema,
  sourceId: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  datasource: z.object({ name: z.string(), type: z.string().nullable() }).nullable(),
  schedule: scheduleSchema.nullable(),
  parameters: z.array(parameterSchema),
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  dependencies: z.array(dependencySchema),
  upstream: z.array(objectLinkSchema),
  downstream: z.array(objectLinkSchema),
  origin: z.object({ entry: z.string(), pointer: z.string() }),
  codeLanguage: z.string().nullable(),
  code: z.string().nullable(),
  codeOmitted: z.string().nullable(),
  redacted: z.boolean(),
  original: z.unknown(),
  problems: z.array(inspectionProblemSchema),
});
export type ObjectDetails = z.infer<typeof objectDetailsSchema>;

/** A graph node: a package object, or an output nothing in the package produces (`kind: 'external'`). */
export const graphNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.union([assetKindSchema, z.literal('external')]),
  type: z.string().nullable(),
  workflow: z.string().nullable(),
  /** Hops from the centre object (0 for the centre). */
  depth: z.number(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

/** `from` is upstream, `to` downstream; `type` is the dependency type (`Normal`, `CrossCycleDependsOnSelf`, ...). */
export const graphEdgeSchema = z.object({ from: z.string(), to: z.string(), type: z.string() });
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const objectGraphSchema = z.object({
  centre: z.string(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /** True when the neighbourhood was cut at the node limit. */
  truncated: z.boolean(),
});
export type ObjectGraph = z.infer<typeof objectGraphSchema>;
