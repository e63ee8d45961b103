import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isImporterTempFile } from './atomic-file';
import { LOCK_FILE_NAME } from './destination-lock';
import { sha256Of } from '../formats/known-sha256';

export interface ScanOptions {
  /** Remove temporary files a killed import left behind (only names {@link isImporterTempFile} matches). */
  removeTempFiles?: boolean;
  signal?: AbortSignal;
}

/**
 * Every file of a destination folder (relative POSIX path -> sha256 of its bytes), without the import lock and the
 * importer's temporary files. Symbolic links are recorded by their target text, never followed.
 */
export async function scanDestination(root: string, options: ScanOptions = {}): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const reads: Promise<void>[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (prefix === '' && (entry.name === LOCK_FILE_NAME || entry.name.startsWith(`${LOCK_FILE_NAME}.`)))
        continue;
      if (isImporterTempFile(entry.name)) {
        if (options.removeTempFiles) await fs.rm(full, { force: true });
        continue;
      }
      if (entry.isDirectory()) await walk(full, rel);
      else if (entry.isSymbolicLink()) files.set(rel, sha256Of(`symlink:${await fs.readlink(full)}`));
      else if (entry.isFile())
        reads.push(
          fs.readFile(full).then((data) => {
            files.set(rel, sha256Of(data));
          }),
        );
      if (reads.length >= 16) await Promise.all(reads.splice(0));
    }
    await Promise.all(reads);
  };
  await walk(root, '');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
