import { z } from 'zod';
import { method } from '../define';
import { exportPreviewSchema, exportResultSchema, exportScopeSchema } from '../../model/export';
import { jobRef } from './common';

export const exportMethods = {
  'export:start': method(
    exportScopeSchema
      .extend({
        outPath: z.string().min(1, 'Give the path of the package to write.'),
        /** Signs the package manifest with a key derived from it. */
        passphrase: z.string().min(1).optional(),
        /** Replace an existing file at outPath, once the new package is complete. */
        overwrite: z.boolean().default(false),
      })
      .strict(),
    jobRef,
    'Starts a job that exports a workspace folder (full, incremental or custom) into a SPEC package and records it, and the export baseline, in history.',
  ),
  'export:result': method(
    jobRef,
    exportResultSchema,
    'What a finished export:start job wrote: path, size, sha256, counts, added/changed/deleted.',
  ),
  'export:preview': method(
    exportScopeSchema,
    exportPreviewSchema,
    'The objects an export with this scope would package, each marked new/changed/unchanged, plus deleted ones; writes nothing.',
  ),
} as const;
