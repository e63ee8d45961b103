import { z } from 'zod';
import { assetKindSchema } from './asset';
import { dryRunRecurrences } from './mapping-profile';
import { objectStates } from './workspace';

/**
 * A plan: what an import of one package, with one mapping profile, into one destination will do to every object
 * (journey step 5, "Preview"). It is saved as a JSON file; the importer applies exactly a saved plan and refuses it
 * when the hashes of the package, profile or destination no longer match (a stale plan).
 *
 * Dry run is a FLAG (`dryRun`), not an action: a dry-run node still has to be created or updated (or be unchanged,
 * when the destination already holds it as a dry run), and the importer needs to know which. The UI shows "dry-run"
 * in the action column when the flag is set; `summary.dryRun` counts them.
 *
 * Objects are listed in the order they are applied: by `wave`, then by name.
 */

/**
 * The `formatVersion` this code writes; a reader refuses a newer one rather than guess. 2: each object's applied
 * mappings are grouped (one entry per mapping, with every field it applied to); version 1 plans are read and upgraded
 * (plan-file.ts), so import tasks kept in history still open.
 */
export const PLAN_FORMAT_VERSION = 2;

/**
 * - create: the destination has no object with this identity (or rename: a new name because the name is taken);
 * - update: the destination has this identity (or overwrite: a same-named object) with other content;
 * - unchanged: the destination has this identity with the same content after mapping; nothing is written;
 * - conflict: a same-named object with another identity exists and the conflict policy is `refuse`; blocks import;
 * - excluded: left out (ignored compute resource, conflict policy `skip`, a data source bound by mapping to the
 *   destination's own, an object kind the destination does not take).
 */
export const planActions = ['create', 'update', 'unchanged', 'conflict', 'excluded'] as const;
export const planActionSchema = z.enum(planActions);
export type PlanAction = z.infer<typeof planActionSchema>;

/** The kinds of wave, in the order they run. */
export const waveKinds = ['datasource', 'resource', 'function', 'table', 'workflow', 'node', 'quality-rule', 'other'] as const;
export const waveKindSchema = z.enum(waveKinds);
export type WaveKind = z.infer<typeof waveKindSchema>;

/** One wave: objects with no order between them. Nodes take one wave per topological level (upstream first). */
export const planWaveSchema = z.object({
  index: z.int().min(0),
  kind: waveKindSchema,
  /** For node waves, the topological level (0 = no in-package upstream); 0 otherwise. */
  level: z.int().min(0),
  count: z.int().min(0),
});
export type PlanWave = z.infer<typeof planWaveSchema>;

/**
 * What one mapping did to one asset: `section` is the profile section, `fields` where it applied (`outputs`,
 * `inputs`, `code`, ...). A project renamed in a node's outputs, inputs, dependencies and code is one entry.
 */
export const appliedMappingSchema = z.object({
  section: z.string(),
  from: z.string(),
  to: z.string(),
  fields: z.array(z.string()),
  /** How it was decided: `profile`, `same-name` (the destination has that name), `ignored`, `owner-rule`, `fallback`. */
  via: z.string().nullable(),
});
export type AppliedMapping = z.infer<typeof appliedMappingSchema>;

/** The DataWorks effect-day rule applied to a node (see `src/main/plan/effect-day.ts`). */
export const effectRules = [
  /** T+1, deployed before 23:30: next day. */
  't+1-before-2330',
  /** T+1, deployed at or after 23:30: the third day (day after tomorrow). */
  't+1-after-2330',
  /** Immediately, next run at least 10 minutes after deployment: as scheduled (that run's day). */
  'immediately-as-scheduled',
  /** Immediately, next run less than 10 minutes after deployment: the third day. */
  'immediately-third-day',
  /** Not scheduled (manual trigger, no cron): takes effect when run by hand. */
  'not-scheduled',
  /** The object does not land deployed, so it takes effect when someone deploys it. */
  'not-deployed',
] as const;
export type EffectRule = (typeof effectRules)[number];

export const effectDaySchema = z.object({
  /** ISO date (`yyyy-MM-dd`) in `timezone`; null when the rule gives no day (not scheduled / not deployed). */
  day: z.string().nullable(),
  rule: z.enum(effectRules),
  /** IANA zone the day and the cron are read in (the node's `schedule.timezone`, else Asia/Shanghai). */
  timezone: z.string(),
  /** One line for people. */
  explanation: z.string(),
});
export type EffectDay = z.infer<typeof effectDaySchema>;

/** A unified diff of a node's code before and after rewriting, capped in size. */
export const codeDiffSchema = z.object({
  /** Unified diff hunks (`@@ -a,b +c,d @@` and their lines); diffs in older plans also begin with `---`/`+++` file lines. */
  text: z.string(),
  added: z.int().min(0),
  removed: z.int().min(0),
  /** True when the text was cut at the size cap (the counts are still complete). */
  truncated: z.boolean(),
});
export type CodeDiff = z.infer<typeof codeDiffSchema>;

/** Where and how an object lands. */
export const planDestinationSchema = z.object({
  /** The identity it lands as: the source identity, so a re-run updates it (overwrite: the object it replaces). */
  id: z.string(),
  name: z.string(),
  /** DataStudio folder in the destination (POSIX, no leading slash). */
  folderPath: z.string(),
  owner: z.string().nullable(),
  resourceGroup: z.string().nullable(),
  /** Data source or compute resource name the object is bound to. */
  dataSource: z.string().nullable(),
  /** The state it lands in, from the profile's commit rules. */
  landingState: z.enum(objectStates),
  /** Its state in the destination before the import; null when it does not exist there. */
  currentState: z.enum(objectStates).nullable(),
});
export type PlanDestination = z.infer<typeof planDestinationSchema>;

export const planObjectSchema = z.object({
  assetId: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  nodeType: z.string().nullable(),
  /** The source folder. */
  folderPath: z.string(),
  action: planActionSchema,
  /** Why this action, for people. */
  reason: z.string(),
  /** Index into `Plan.waves`. */
  wave: z.int().min(0),
  destination: planDestinationSchema,
  /** Set when the node lands as a dry run. */
  dryRun: z.object({ recurrence: z.enum(dryRunRecurrences) }).nullable(),
  effect: effectDaySchema.nullable(),
  /** Plan hash of the destination object this one replaces; null when there is none. */
  beforeHash: z.string().nullable(),
  /** Plan hash of the mapped object (comparable with `beforeHash`). */
  afterHash: z.string(),
  codeChanged: z.boolean(),
  diff: codeDiffSchema.nullable(),
  mappingsApplied: z.array(appliedMappingSchema),
  /** The same-named destination object with another identity, when there is one. */
  conflictWith: z.object({ id: z.string(), name: z.string(), folderPath: z.string() }).nullable(),
});
export type PlanObject = z.infer<typeof planObjectSchema>;

/** A reference that is neither mapped nor ignored. Import refuses while any remain. */
export const gateItemSchema = z.object({
  /** `compute-resource`, `resource-group`, `project`, `data-source`, ... */
  kind: z.string(),
  /** The source value (`mysql_legacy_erp`, `finance_dev`). */
  source: z.string(),
  assetIds: z.array(z.string()),
  /** The profile section to fix it in (`dataSources`, `projects`, ...). */
  fix: z.string(),
  message: z.string(),
});
export type GateItem = z.infer<typeof gateItemSchema>;

/** The rules findings come from: DataWorks' own rules (seed rules) and Ferry's. */
export const planRules = [
  'supported-combination',
  'compute-resource-mapped',
  'compute-type-available',
  'resource-group-ignore',
  'unique-parameter-names',
  'executor-role',
  'edition-limits',
  'quality-rule-table',
  'quality-rule-alerts',
  'dependency-cycle',
  'name-conflict',
  'owner-fallback',
  'mapping',
  'package-problem',
] as const;
export const planRuleSchema = z.enum(planRules);
export type PlanRule = z.infer<typeof planRuleSchema>;

export const planFindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** Stable kebab-case code for grouping. */
  code: z.string(),
  message: z.string(),
  assetId: z.string().nullable(),
  rule: planRuleSchema,
});
export type PlanFinding = z.infer<typeof planFindingSchema>;

/** How the package hash was taken: the file's bytes, or (folders) a stable hash over asset ids and contentHashes. */
export const planHashesSchema = z.object({
  package: z.object({ method: z.enum(['file-sha256', 'assets-sha256']), value: z.string() }),
  /** sha256 of the profile's canonical JSON. */
  profile: z.string(),
  /** sha256 over the destination's asset ids + contentHashes and its canonical workspace.json. */
  destination: z.string(),
});
export type PlanHashes = z.infer<typeof planHashesSchema>;

export const planSummarySchema = z.object({
  total: z.int().min(0),
  create: z.int().min(0),
  update: z.int().min(0),
  unchanged: z.int().min(0),
  conflict: z.int().min(0),
  excluded: z.int().min(0),
  dryRun: z.int().min(0),
  codeChanged: z.int().min(0),
  gate: z.int().min(0),
  errors: z.int().min(0),
  warnings: z.int().min(0),
  /** True when the gate is empty, there is no conflict and no error finding. */
  importable: z.boolean(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planSchema = z.object({
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  /** ISO 8601; also the deployment time effect days are computed from. */
  createdAt: z.string(),
  hashes: planHashesSchema,
  source: z.object({
    path: z.string(),
    format: z.string(),
    container: z.string(),
    projectIdentifier: z.string().nullable(),
  }),
  destination: z.object({
    path: z.string(),
    projectIdentifier: z.string(),
    workspaceId: z.string().nullable(),
    mode: z.string(),
    dataStudio: z.string(),
    edition: z.string(),
  }),
  profileName: z.string(),
  /** The account running the import (owner fallback, role check); null when unknown. */
  executor: z.string().nullable(),
  waves: z.array(planWaveSchema),
  objects: z.array(planObjectSchema),
  gate: z.array(gateItemSchema),
  findings: z.array(planFindingSchema),
  summary: planSummarySchema,
});
export type Plan = z.infer<typeof planSchema>;
