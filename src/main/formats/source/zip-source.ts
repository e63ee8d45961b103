import { FerryError } from '../../../shared/errors';
import { openArchive } from '../zip/archive-reader';
import { checkEntryPath, type PackageSource, type SourceFileInfo, type SourceOptions, type ZipEntryLocation } from './package-source';

/**
 * The part of `ArchiveReader` (src/main/formats/zip/archive-reader.ts) this source needs. Declared here
 * structurally so the source depends on the shape, not on the module, and tests can pass a stand-in.
 */
export interface ArchiveLike {
  path: string;
  entries: readonly { name: string; isDirectory: boolean; size: number; crc32?: number }[];
  readEntry(name: string): Promise<Buffer>;
  readText(name: string): Promise<string>;
  /** Where the entry starts in the file, to read many entries in file order. */
  offsetOf?(name: string): number | undefined;
  locate?(name: string): ZipEntryLocation | undefined;
  close(): Promise<void>;
}

/**
 * File index and sorted listing per entries array. The archive reader hands the same array to every reader of an
 * unchanged file, so reading a package and then its code sorts 40,000 names once, not twice.
 */
const indexes = new WeakMap<ArchiveLike['entries'], { files: Map<string, SourceFileInfo>; listing: string[] }>();

function indexOf(entries: ArchiveLike['entries']): { files: Map<string, SourceFileInfo>; listing: string[] } {
  let index = indexes.get(entries);
  if (!index) {
    const files = new Map<string, SourceFileInfo>();
    for (const entry of entries) {
      if (!entry.isDirectory) files.set(entry.name, { size: entry.size, crc32: entry.crc32 ?? null });
    }
    index = { files, listing: [...files.keys()].sort() };
    indexes.set(entries, index);
  }
  return index;
}

/**
 * Wraps an opened archive as a {@link PackageSource}. Entry names are already checked by the archive reader
 * (no traversal, no links); directories are left out of the listing.
 */
export function zipSource(archive: ArchiveLike): PackageSource {
  const describe = archive.path;
  const { files, listing } = indexOf(archive.entries);
  const check = (entry: string): void => {
    checkEntryPath(describe, entry);
    if (!files.has(entry)) throw new FerryError('not-found', `${describe}: no entry ${entry} in the archive`);
  };
  return {
    describe,
    skipped: [],
    list: () => listing,
    info: (entry) => files.get(entry),
    readOrder: (paths) => {
      const offsetOf = archive.offsetOf?.bind(archive);
      if (!offsetOf) return [...paths];
      const keyed = paths.map((path, i) => ({ path, at: offsetOf(path) ?? Number.MAX_SAFE_INTEGER, i }));
      keyed.sort((a, b) => a.at - b.at || a.i - b.i);
      return keyed.map((item) => item.path);
    },
    locateZipEntry: archive.locate
      ? (entry) => {
          check(entry);
          return archive.locate!(entry);
        }
      : undefined,
    readBytes: async (entry) => {
      check(entry);
      return archive.readEntry(entry);
    },
    // The archive reader's text decoding is strict: invalid UTF-8 is an error naming the entry.
    readText: async (entry) => {
      check(entry);
      return archive.readText(entry);
    },
    close: () => archive.close(),
  };
}

/** Opens a zip package as a source (central directory read and checked once, entries read on demand). */
export async function openZipSource(filePath: string, options: SourceOptions = {}): Promise<PackageSource> {
  return zipSource(await openArchive(filePath, { signal: options.signal }));
}
