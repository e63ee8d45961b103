import { z } from 'zod';
import { assetKindSchema } from './asset';
import { importTaskStateSchema, objectOutcomeSchema } from './import-task';

/**
 * An import report, in the sections of DataWorks' import report: basic information, import results (counts),
 * details (one row per object) and import settings (the mappings and rules that were applied). It is built from the
 * plan and the journal of the task, so its counts match the plan: every object of the plan has exactly one row.
 */

/** Plan actions as the report shows them (the plan's own vocabulary). */
export const reportActions = ['create', 'update', 'unchanged', 'conflict', 'excluded'] as const;
export const reportActionSchema = z.enum(reportActions);
export type ReportAction = z.infer<typeof reportActionSchema>;

export const reportObjectSchema = z.object({
  objectId: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  /** Where the object lives in the destination (relative POSIX path of its description file). */
  destinationPath: z.string().nullable(),
  wave: z.number(),
  action: reportActionSchema,
  outcome: objectOutcomeSchema,
  /** Why it was skipped or failed, for people; null when it succeeded. */
  reason: z.string().nullable(),
  /** One line per mapping applied, e.g. `project retail_dev -> retail_prod`. */
  mappings: z.array(z.string()),
  owner: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  dataSource: z.string().nullable(),
  dryRun: z.boolean(),
  /** `saved`, `committed` or `deployed`; null when the object did not land. */
  landingState: z.string().nullable(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  error: z.string().nullable(),
});
export type ReportObject = z.infer<typeof reportObjectSchema>;

export const reportCountsSchema = z.object({
  total: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  skipped: z.number(),
  byAction: z.record(reportActionSchema, z.number()),
});
export type ReportCounts = z.infer<typeof reportCountsSchema>;

export const importReportSchema = z.object({
  /** Bumped when a field changes meaning. */
  reportVersion: z.literal(1),
  basic: z.object({
    taskId: z.number(),
    taskName: z.string(),
    remarks: z.string(),
    state: importTaskStateSchema,
    packagePath: z.string(),
    packageHash: z.string(),
    sourceProject: z.string().nullable(),
    destinationPath: z.string(),
    destinationProject: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    runs: z.number(),
    executor: z.string().nullable(),
    rollbackPath: z.string().nullable(),
    error: z.string().nullable(),
  }),
  results: reportCountsSchema,
  details: z.array(reportObjectSchema),
  settings: z.object({
    profileName: z.string().nullable(),
    /** `source -> target` (or `source -> ignore`) per section name. */
    mappings: z.array(z.object({ section: z.string(), source: z.string(), target: z.string() })),
    ownerRule: z.string().nullable(),
    conflictPolicy: z.string().nullable(),
    commitRules: z.record(z.string(), z.boolean()),
    dryRunRecurrence: z.string().nullable(),
  }),
});
export type ImportReport = z.infer<typeof importReportSchema>;
