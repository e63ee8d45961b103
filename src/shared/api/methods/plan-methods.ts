import { z } from 'zod';
import { method } from '../define';
import { mappingProfileSchema } from '../../model/mapping-profile';
import { planDiffSchema, planHeadSchema, planObjectFiltersSchema, planObjectPageSchema } from '../../model/plan-session';
import { jobRef } from './common';

const jobId = z.string().min(1);

/** Step 6 of the journey (Preview): a plan of what an import will do, held by a job, read in pages. */
export const planMethods = {
  'plan:create': method(
    z
      .object({
        packagePath: z.string().min(1, 'Give the path of a package file or folder.'),
        destinationPath: z.string().min(1, 'Give the path of the destination workspace folder.'),
        profile: mappingProfileSchema,
        /** The source workspace folder (supported-combination check); defaults to the package when it is one. */
        sourceWorkspacePath: z.string().min(1).optional(),
        /** The account running the import (owner fallback, role check); the profile’s owner.executor wins. */
        executor: z.string().min(1).optional(),
      })
      .strict(),
    jobRef,
    'Starts a job that reads the package and the destination, maps, compares and diffs: the plan; follow job:updated.',
  ),
  'plan:summary': method(
    jobRef,
    planHeadSchema,
    'Summary counts, gate, findings, waves, hashes and destination of a finished plan job.',
  ),
  'plan:objects': method(
    z
      .object({
        jobId,
        offset: z.int().min(0).default(0),
        limit: z.int().min(1).max(5000).default(500),
        filters: planObjectFiltersSchema.default({}),
      })
      .strict(),
    planObjectPageSchema,
    'A page of the plan’s objects in apply order, filtered by action, kind, wave, dry-run, code change or text.',
  ),
  'plan:diff': method(
    z.object({ jobId, assetId: z.string().min(1) }).strict(),
    planDiffSchema,
    'One object’s code before and after mapping, with a unified diff.',
  ),
  'plan:save': method(
    z.object({ jobId, path: z.string().min(1, 'Give the path of the plan file to write.') }).strict(),
    z.object({ path: z.string() }),
    'Writes the plan to a JSON file (atomically) and keeps its profile in history, so the file can be imported later.',
  ),
  'plan:open': method(
    z.object({ path: z.string().min(1, 'Give the path of a plan file.') }).strict(),
    jobRef,
    'Starts a job that loads a saved plan file with its package and destination, as a plan session.',
  ),
} as const;
