import { z } from 'zod';
import { assetKindSchema } from './asset';
import { exportTypeSchema } from './package-manifest';

/**
 * Export from a local workspace folder into a SPEC package (journey step 1). Shared by the API, the CLI and the UI's
 * "objects to deploy" queue.
 */

/** full: every object; incremental: what changed since a baseline; custom: a selection (one definition: the manifest's). */
export { exportTypes, exportTypeSchema, type ExportType } from './package-manifest';

/** Which dependency closure to add to the selection: upstream (what it needs), downstream (what needs it), both. */
export const withDepsSchema = z.enum(['up', 'down', 'both']);
export type WithDeps = z.infer<typeof withDepsSchema>;

/**
 * A custom selection. `ids` (asset ids, or names that only one object has) are always taken; the other filters are
 * combined with AND among themselves and the result is added to `ids`. Folder globs match the asset's DataStudio
 * folder or folder/name: `*` within a segment, `**` across segments, `?` one character.
 */
export const exportSelectionSchema = z
  .object({
    ids: z.array(z.string().min(1)).optional(),
    workflows: z.array(z.string().min(1)).optional(),
    nodeTypes: z.array(z.string().min(1)).optional(),
    folders: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

/** What an export is asked to take, without where it goes: the input of a preview. */
export const exportScopeSchema = z
  .object({
    workspacePath: z.string().min(1, 'Give the path of a workspace folder.'),
    type: exportTypeSchema.default('full'),
    /** ISO 8601 date or date-time; incremental only. Without it, incremental means "since the last export". */
    since: z.string().optional(),
    select: exportSelectionSchema.optional(),
    withDeps: withDepsSchema.optional(),
  })
  .strict();
export type ExportScope = z.infer<typeof exportScopeSchema>;

/** How an object compares with the baseline: new, changed, deleted (listed only), unchanged. */
export const changeTypes = ['new', 'changed', 'deleted', 'unchanged'] as const;
export const changeTypeSchema = z.enum(changeTypes);
export type ChangeType = z.infer<typeof changeTypeSchema>;

/**
 * Why an object is in the export: picked (or, in a full export, everything), changed (incremental), a dependency, used by
 * a packaged node (resource, function, data source), in the same file as a packaged object (inner nodes), or the
 * workflow of a packaged node (workflows have no file of their own: the folder is the workflow).
 */
export const inclusionReasons = [
  'selected',
  'changed',
  'upstream',
  'downstream',
  'uses',
  'same-file',
  'container',
] as const;
export type InclusionReason = (typeof inclusionReasons)[number];

export const exportItemSchema = z.object({
  id: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  folderPath: z.string(),
  nodeType: z.string().nullable(),
  /** The description file inside the workspace (and the package); for a workflow, its folder. */
  entry: z.string(),
  change: changeTypeSchema,
  reason: z.enum(inclusionReasons),
});
export type ExportItem = z.infer<typeof exportItemSchema>;

/**
 * What the changes were measured against: a recorded export baseline, file modification times (incremental since a
 * date older than every baseline), or nothing (no earlier export: everything is new).
 */
export const changeBasisSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('baseline'), baselineId: z.number(), createdAt: z.string() }),
  z.object({ kind: z.literal('mtime'), since: z.string() }),
  z.object({ kind: z.literal('none') }),
]);
export type ChangeBasis = z.infer<typeof changeBasisSchema>;

export const exportCountsSchema = z.object({
  /** Objects packaged, by kind (workflows counted when at least one of their nodes is packaged). */
  byKind: z.record(z.string(), z.number()),
  objects: z.number(),
  /** Files written, SPEC.FORMAT included. */
  files: z.number(),
  /** Files carried as they are that no object owns (stray files outside the SPEC layout, in a full export). */
  otherFiles: z.number(),
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});
export type ExportCounts = z.infer<typeof exportCountsSchema>;

/** The "objects to deploy" queue: what an export with this scope would package, without writing anything. */
export const exportPreviewSchema = z.object({
  type: exportTypeSchema,
  projectIdentifier: z.string(),
  basis: changeBasisSchema,
  /** Packaged objects, then deleted ones (which a package cannot carry, so they are only listed). */
  items: z.array(exportItemSchema),
  counts: exportCountsSchema,
  /** Things the user should know: dependencies left outside, mtime basis cannot see deletions, ... */
  notes: z.array(z.string()),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;

/** A short reference to an object in a result list. */
export const exportObjectRefSchema = z.object({
  id: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  entry: z.string(),
});
export type ExportObjectRef = z.infer<typeof exportObjectRefSchema>;

export const exportResultSchema = z.object({
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
  type: exportTypeSchema,
  projectIdentifier: z.string(),
  basis: changeBasisSchema,
  counts: exportCountsSchema,
  added: z.array(exportObjectRefSchema),
  changed: z.array(exportObjectRefSchema),
  deleted: z.array(exportObjectRefSchema),
  notes: z.array(z.string()),
  /** History ids of the recorded package and baseline. */
  packageRecordId: z.number(),
  baselineId: z.number(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;
