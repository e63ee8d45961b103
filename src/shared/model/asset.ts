import { z } from 'zod';

/**
 * The canonical model of one development asset, whatever package format it came from. Readers fill it in,
 * mapping/plan/apply consume it, and it crosses the API to the UI, so every field is a zod schema here.
 *
 * Memory matters (a package can hold 20,000 nodes): code bodies are never held here, only a {@link CodeRef}
 * to load them lazily, and `original` shares its objects with nothing else the reader keeps.
 */

/** What an asset is. DataWorks keeps them in separate trees and imports them with different calls. */
export const assetKinds = [
  'node',
  'workflow',
  'resource',
  'function',
  'datasource',
  'table',
  'query',
  'component',
  'quality-rule',
  'dataservice-api',
] as const;
export const assetKindSchema = z.enum(assetKinds);
export type AssetKind = z.infer<typeof assetKindSchema>;

/**
 * An output string a node produces or consumes (FlowSpec `SpecNodeOutput`). DataWorks matches dependencies on
 * `data`, which is `<nodeId>`, `<projectIdentifier>.<name>` or `<projectIdentifier>_root`.
 */
export const nodeOutputSchema = z.object({
  data: z.string(),
  refTableName: z.string().nullable(),
  isDefault: z.boolean().nullable(),
});
export type NodeOutput = z.infer<typeof nodeOutputSchema>;

/**
 * One upstream dependency as written in the source plus what it resolved to. `targetId` is null when nothing in
 * the package produces the output: a cross-project or dangling input, which validation judges later.
 */
export const dependencySchema = z.object({
  /** `Normal`, `CrossCycleDependsOnSelf`, `CrossCycleDependsOnChildren`, `CrossCycleDependsOnOtherNode`. */
  type: z.string(),
  /** The upstream output string, when the source names one (real exports always do). */
  output: z.string().nullable(),
  /** The upstream node id, when the source names one (hand-written specs use only this). */
  nodeId: z.string().nullable(),
  refTableName: z.string().nullable(),
  /** The asset id the dependency resolved to inside this package; null means external. */
  targetId: z.string().nullable(),
});
export type Dependency = z.infer<typeof dependencySchema>;

/** Scheduling settings, flattened from FlowSpec `trigger`, node-level fields and workflow `strategy`. */
export const scheduleSchema = z.object({
  /** `Scheduler`, `Manual`, `Streaming`. */
  triggerType: z.string().nullable(),
  /** Quartz cron as written (6 or 7 fields). */
  cron: z.string().nullable(),
  /** `T+1` or `Immediately`. */
  instanceMode: z.string().nullable(),
  /** `Allowed`, `Denied`, `FailureAllowed`. */
  rerunMode: z.string().nullable(),
  rerunTimes: z.number().nullable(),
  /** Milliseconds, as FlowSpec writes it. */
  rerunIntervalMs: z.number().nullable(),
  /** `Normal`, `Skip` (dry run) or `Pause` (frozen). */
  recurrence: z.string().nullable(),
  /** `yyyy-MM-dd HH:mm:ss` as written. */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  timezone: z.string().nullable(),
  delaySeconds: z.number().nullable(),
  priority: z.number().nullable(),
  timeout: z.number().nullable(),
  timeoutUnit: z.string().nullable(),
  /** Workflow strategy: `Continue` or `Break`. */
  failureStrategy: z.string().nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** A node or workflow parameter (FlowSpec `SpecVariable`), with `{{ref}}`s already resolved. */
export const parameterSchema = z.object({
  name: z.string(),
  value: z.string().nullable(),
  /** `System`, `Constant`, `NodeOutput`, `PassThrough`, ... */
  type: z.string().nullable(),
  /** `NodeParameter`, `NodeContext`, `Workflow`, `Workspace`, `Tenant`. */
  scope: z.string().nullable(),
});
export type Parameter = z.infer<typeof parameterSchema>;

/**
 * Where an asset's code lives, so it can be loaded on demand. Without `pointer` the whole entry is the code (a
 * SPEC-package code file, a resource binary); with it, the code is the string at that JSON pointer inside the
 * entry's document (inline `script.content`), and `original` has that field removed.
 */
export const codeRefSchema = z.object({
  entry: z.string(),
  pointer: z.string().nullable(),
  /** FlowSpec `script.language` (`odps-sql`, `shell`, `python3`, ...) or null when unknown. */
  language: z.string().nullable(),
  /** Bytes (file) or UTF-16 code units (inline string). */
  size: z.number(),
});
export type CodeRef = z.infer<typeof codeRefSchema>;

/** Where in the package an asset was read: the entry (relative POSIX path) and a JSON pointer into it. */
export const originSchema = z.object({
  entry: z.string(),
  pointer: z.string(),
  /** Envelope `kind` and `version` of the document it came from. */
  specKind: z.string().nullable(),
  specVersion: z.string().nullable(),
});
export type Origin = z.infer<typeof originSchema>;

export const datasourceRefSchema = z.object({ name: z.string(), type: z.string().nullable() });
export type DatasourceRef = z.infer<typeof datasourceRefSchema>;

export const assetSchema = z.object({
  /**
   * Stable identity that survives a move: the source's own id (FlowSpec `id`/uuid) for nodes and workflows,
   * `<kind>:<id>` for other kinds (their ids share no namespace with nodes), or, when the source has no id, a
   * deterministic hash of kind, folder path and name.
   */
  id: z.string(),
  /** The id exactly as written in the source, or null when `id` was derived. */
  sourceId: z.string().nullable(),
  kind: assetKindSchema,
  name: z.string(),
  /** DataStudio folder (POSIX, no leading slash, without the asset's own name); '' when unknown. */
  folderPath: z.string(),
  /** The containing workflow's asset id (it may not be in the package). */
  workflowId: z.string().nullable(),
  /** The control node (do-while, for-each, sub-flow, PAI flow) holding this inner node. */
  parentId: z.string().nullable(),
  owner: z.string().nullable(),
  /** DataWorks command (`ODPS_SQL`, `DIDE_SHELL`, `CONTROLLER_CYCLE`, `WORKFLOW`); for other kinds their own type. */
  nodeType: z.string().nullable(),
  /** Compute engine (`MaxCompute`, `EMR`, `General`, ...). */
  engine: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  datasource: datasourceRefSchema.nullable(),
  schedule: scheduleSchema.nullable(),
  parameters: z.array(parameterSchema),
  /** Output strings this asset consumes, as declared in `inputs.nodeOutputs`. */
  inputs: z.array(nodeOutputSchema),
  /** Output strings this asset produces. */
  outputs: z.array(nodeOutputSchema),
  dependencies: z.array(dependencySchema),
  code: codeRefSchema.nullable(),
  /** sha256 (hex) over the canonical original, without volatile metadata and child assets; code included. */
  contentHash: z.string(),
  origin: originSchema,
  /**
   * The source fragment, unchanged except that child assets (workflow `nodes`, container inner nodes) and inline
   * code are taken out; they are their own assets / the code ref. Unknown fields are all here.
   */
  original: z.unknown(),
});
export type Asset = z.infer<typeof assetSchema>;
