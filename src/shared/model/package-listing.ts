import { z } from 'zod';

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

/** A package file that was opened and read successfully. */
export const openedPackageSchema = z.object({
  id: z.string(),
  path: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  entryCount: z.number(),
  openedAt: z.string(),
});
export type OpenedPackage = z.infer<typeof openedPackageSchema>;

export const entryPageSchema = z.object({
  total: z.number(),
  entries: z.array(archiveEntrySchema),
});
export type EntryPage = z.infer<typeof entryPageSchema>;
