import { z } from 'zod';
import { method } from '../define';
import { cloudImportInputSchema, cloudImportRecordSchema } from '../../model/cloud-import';

/** The DataWorks OpenAPI hand-off (CreateImportMigration + StartMigration, followed to a final state). */
export const cloudMethods = {
  'cloud:import': method(
    cloudImportInputSchema,
    z.object({ jobId: z.string(), importId: z.string() }),
    'Imports a package (a local file of at most 30 MB, or its OSS URL) into a DataWorks project through the OpenAPI, as a job; states are recorded in history.',
  ),
  'cloud:imports': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(cloudImportRecordSchema),
    'DataWorks cloud imports from history, newest first: migration id, state, every state seen, steps and summary. No secret.',
  ),
} as const;
