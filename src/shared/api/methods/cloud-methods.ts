import { z } from 'zod';
import { method } from '../define';
import {
  cloudCredentialSourceSchema,
  cloudImportInputSchema,
  cloudImportRecordSchema,
} from '../../model/cloud-import';

/** The DataWorks OpenAPI hand-off (CreateImportMigration + StartMigration, followed to a final state). */
export const cloudMethods = {
  'cloud:import': method(
    cloudImportInputSchema,
    z.object({ jobId: z.string(), importId: z.string() }),
    'Imports a package (a local file of at most 30 MB, or its OSS URL) into a DataWorks project through the OpenAPI, as a job; states are recorded in history.',
  ),
  'cloud:follow': method(
    z
      .object({
        importId: z.string().min(1, 'Give the id of a cloud import (see cloud:imports).'),
        credentials: cloudCredentialSourceSchema.optional(),
        pollIntervalMs: z.number().int().min(1).max(60_000).optional(),
      })
      .strict(),
    z.object({ jobId: z.string(), importId: z.string() }),
    'Follows a cloud import again (after cancel, a failed poll or a restart) until DataWorks reports a final state; creates nothing.',
  ),
  'cloud:imports': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(cloudImportRecordSchema),
    'DataWorks cloud imports from history, newest first: migration id, state, every state seen, steps and summary. No secret.',
  ),
} as const;
