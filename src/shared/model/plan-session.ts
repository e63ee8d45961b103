import { z } from 'zod';
import { assetKindSchema } from './asset';
import {
  codeDiffSchema,
  gateItemSchema,
  planActionSchema,
  planFindingSchema,
  planHashesSchema,
  planObjectSchema,
  planSchema,
  planSummarySchema,
  planWaveSchema,
} from './plan';

/**
 * What the Preview step reads of a plan held by the backend (a `plan:create` or `plan:open` job): the head (summary,
 * gate, findings, waves, hashes) in one call, the objects a page at a time, and one object's code diff on request.
 * A plan of 20,000 objects is never sent whole.
 */

export const planHeadSchema = z.object({
  summary: planSummarySchema,
  gate: z.array(gateItemSchema),
  findings: z.array(planFindingSchema),
  waves: z.array(planWaveSchema),
  hashes: planHashesSchema,
  source: planSchema.shape.source,
  destination: planSchema.shape.destination,
  profileName: z.string(),
  executor: z.string().nullable(),
  createdAt: z.string(),
  /** The file the plan was saved to or opened from; null until saved. */
  planPath: z.string().nullable(),
  /** False when the plan was opened from a file and the profile it was made with is not known here. */
  profileKnown: z.boolean(),
});
export type PlanHead = z.infer<typeof planHeadSchema>;

export const planObjectFiltersSchema = z
  .object({
    action: planActionSchema.optional(),
    kind: assetKindSchema.optional(),
    wave: z.int().min(0).optional(),
    dryRun: z.boolean().optional(),
    codeChanged: z.boolean().optional(),
    /** Case-insensitive substring of the name, id, folder or node type. */
    search: z.string().optional(),
  })
  .strict();
export type PlanObjectFilters = z.infer<typeof planObjectFiltersSchema>;

/** A plan object in a page: the diff text is left out (fetch it with `plan:diff`), `hasDiff` says there is one. */
export const planObjectRowSchema = planObjectSchema.omit({ diff: true }).extend({
  hasDiff: z.boolean(),
  added: z.int().min(0),
  removed: z.int().min(0),
});
export type PlanObjectRow = z.infer<typeof planObjectRowSchema>;

export const planObjectPageSchema = z.object({
  /** Objects matching the filters. */
  total: z.int().min(0),
  offset: z.int().min(0),
  objects: z.array(planObjectRowSchema),
});
export type PlanObjectPage = z.infer<typeof planObjectPageSchema>;

export const planDiffSchema = z.object({
  assetId: z.string(),
  /** The code as in the package; null when the object has no code. */
  before: z.string().nullable(),
  /** The code as it lands; null when it cannot be recomputed (plan opened without its profile). */
  after: z.string().nullable(),
  diff: codeDiffSchema.nullable(),
});
export type PlanDiff = z.infer<typeof planDiffSchema>;
