import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { readCentralDirectory, type ZipReadOptions } from './central-directory-reader';

export type { ZipReadOptions } from './central-directory-reader';

/**
 * Lists a package archive from its central directory only (no entry data is read or inflated).
 *
 * Rejects with a FerryError: `not-found` / `not-a-file` for a bad path, `not-a-zip` when the file is not a zip,
 * `corrupt-archive` when it is truncated or damaged, `unsafe-archive` when any entry breaks a rule in
 * entry-safety.ts (path traversal, links, encryption, duplicates, non-UTF-8 names, bomb caps), `cancelled` when
 * `options.signal` aborts.
 */
export async function listArchive(filePath: string, options?: ZipReadOptions): Promise<ArchiveEntry[]> {
  const directory = await readCentralDirectory(filePath, options);
  return directory.records.map((record) => record.entry);
}
