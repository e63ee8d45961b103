import { z } from 'zod';
import { method } from '../define';
import { dryRunRuleSchema, dryRunSchema } from '../../model/mapping-profile';

/** Step 5 of the journey: which nodes a dry-run setting marks, and how many each rule marks. */
export const dryrunMethods = {
  'dryrun:preview': method(
    z
      .object({
        /** The package; or give `planJobId` to use the package a plan job already read. */
        packagePath: z.string().min(1).optional(),
        planJobId: z.string().min(1).optional(),
        dryRun: dryRunSchema,
      })
      .strict()
      .refine((v) => (v.packagePath === undefined) !== (v.planJobId === undefined), {
        error: 'Give exactly one of packagePath and planJobId.',
      }),
    z.object({
      /** Every marked node id, in package order. */
      marked: z.array(z.string()),
      /** Ids marked one by one that are not nodes of this package. */
      unknownIds: z.array(z.string()),
      perRule: z.array(z.object({ index: z.int(), rule: dryRunRuleSchema, count: z.int() })),
    }),
    'The nodes a dry-run setting marks (one by one, in batch and by rule), with the count per rule.',
  ),
} as const;
