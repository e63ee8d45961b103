import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { checkEntryPath, decodeUtf8, throwIfAborted, type PackageSource, type SourceFileInfo, type SourceOptions } from './package-source';

/** True when `target` is `root` or lies below it (both already resolved). */
function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Opens an unzipped package folder. Symbolic links are followed only when they resolve inside the folder: a
 * package is untrusted input and must not make Ferry read (and later upload) files from elsewhere on the disk.
 */
export async function openFolderSource(folder: string, options: SourceOptions = {}): Promise<PackageSource> {
  const describe = folder;
  let root: string;
  try {
    root = await fs.realpath(folder);
    if (!(await fs.stat(root)).isDirectory()) throw new FerryError('not-a-file', `${describe}: is not a folder`);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError('not-found', `${describe}: no such folder`);
  }

  const files = new Map<string, SourceFileInfo>();
  const skipped: { path: string; reason: string }[] = [];
  const visited = new Set<string>([root]);

  // Depth-first with an explicit stack; `visited` holds real directory paths so linked loops end.
  const stack: { real: string; relative: string }[] = [{ real: root, relative: '' }];
  while (stack.length > 0) {
    throwIfAborted(describe, options.signal);
    const dir = stack.pop()!;
    const dirents = await fs.readdir(dir.real, { withFileTypes: true });
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: { real: string; relative: string }[] = [];
    await Promise.all(
      dirents.map(async (dirent) => {
        const relative = dir.relative === '' ? dirent.name : `${dir.relative}/${dirent.name}`;
        let real = path.join(dir.real, dirent.name);
        if (dirent.isSymbolicLink()) {
          try {
            real = await fs.realpath(real);
          } catch {
            skipped.push({ path: relative, reason: 'broken symbolic link' });
            return;
          }
          if (!isInside(root, real)) {
            skipped.push({ path: relative, reason: 'symbolic link leads outside the package folder' });
            return;
          }
        }
        // A plain folder needs no stat (the dirent says what it is): only files (for their size) and link targets.
        if (!dirent.isSymbolicLink() && dirent.isDirectory()) {
          if (!visited.has(real)) {
            visited.add(real);
            subdirs.push({ real, relative });
          }
          return;
        }
        if (!dirent.isSymbolicLink() && !dirent.isFile()) return; // sockets, fifos, devices: not package files
        const stat = await fs.stat(real);
        if (stat.isDirectory()) {
          if (!visited.has(real)) {
            visited.add(real);
            subdirs.push({ real, relative });
          }
        } else if (stat.isFile()) {
          files.set(relative, { size: stat.size, crc32: null });
        }
      }),
    );
    subdirs.sort((a, b) => (a.relative < b.relative ? 1 : -1));
    stack.push(...subdirs);
  }
  const listing = [...files.keys()].sort();

  async function resolve(entry: string): Promise<string> {
    checkEntryPath(describe, entry);
    if (!files.has(entry)) throw new FerryError('not-found', `${describe}: no file ${entry} in the package`);
    // Checked again at read time: the folder may have changed since it was listed.
    const real = await fs.realpath(path.join(root, ...entry.split('/'))).catch(() => {
      throw new FerryError('not-found', `${describe}: ${entry} has disappeared`);
    });
    if (!isInside(root, real)) throw new FerryError('unsafe-archive', `${describe}: ${entry} leads outside the package folder`);
    return real;
  }

  return {
    describe,
    skipped,
    list: () => listing,
    info: (entry) => files.get(entry),
    readBytes: async (entry) => fs.readFile(await resolve(entry)),
    readText: async (entry) => decodeUtf8(await fs.readFile(await resolve(entry))),
    close: () => Promise.resolve(),
  };
}
