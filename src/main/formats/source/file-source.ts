import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { decodeUtf8, type PackageSource } from './package-source';

/**
 * Presents one document file (a FlowSpec `.json`/`.yaml`) as a package with a single entry, its base name, so
 * readers and lazy code loading work the same as for folders and zips.
 */
export async function openFileSource(filePath: string): Promise<PackageSource> {
  const describe = filePath;
  const stat = await fs.stat(filePath).catch(() => {
    throw new FerryError('not-found', `${describe}: no such file`);
  });
  if (!stat.isFile()) throw new FerryError('not-a-file', `${describe}: is not a file`);
  const name = path.basename(filePath);
  const check = (entry: string): void => {
    if (entry !== name) throw new FerryError('not-found', `${describe}: no entry ${entry} (this package is the single file ${name})`);
  };
  return {
    describe,
    skipped: [],
    list: () => [name],
    info: (entry) => (entry === name ? { size: stat.size, crc32: null } : undefined),
    readBytes: async (entry) => {
      check(entry);
      return fs.readFile(filePath);
    },
    readText: async (entry) => {
      check(entry);
      return decodeUtf8(await fs.readFile(filePath));
    },
    close: () => Promise.resolve(),
  };
}
