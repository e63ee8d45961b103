import { z } from 'zod';

/** A package Ferry has opened, as recorded in the local history database. */
export const packageRecordSchema = z.object({
  id: z.number(),
  path: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  entryCount: z.number(),
  openedAt: z.string(),
});
export type PackageRecord = z.infer<typeof packageRecordSchema>;
