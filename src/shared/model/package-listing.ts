import { z } from 'zod';
import { packageRecordSchema } from './history';

/** One entry of a package archive, as listed from its central directory (nothing is extracted). */
export const archiveEntrySchema = z.object({
  name: z.string(),
  isDirectory: z.boolean(),
  size: z.number(),
  compressedSize: z.number(),
  modifiedAt: z.string().nullable(),
  crc32: z.number(),
});
export type ArchiveEntry = z.infer<typeof archiveEntrySchema>;

/** A package file that was opened and read successfully: its history record, keyed by the job that read it. */
export const openedPackageSchema = packageRecordSchema.extend({ id: z.string() });
export type OpenedPackage = z.infer<typeof openedPackageSchema>;

export const entryPageSchema = z.object({
  total: z.number(),
  entries: z.array(archiveEntrySchema),
});
export type EntryPage = z.infer<typeof entryPageSchema>;
