import { isUtf8 } from 'node:buffer';
import { promises as fs } from 'node:fs';
import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { identityOf } from '../file-identity';
import { readCentralDirectory, type CentralDirectory, type EntryRecord, type ZipReadOptions } from './central-directory-reader';
import { readEntryData, type ArchiveFile } from './entry-data-reader';
import { fromFsError, zipError } from './zip-errors';

/** An open package archive whose central directory has passed every safety rule. */
export interface ArchiveReader {
  /** The path the archive was opened from, as given. */
  readonly path: string;
  /** All entries in central-directory order (shared between readers of the same unchanged file: do not modify). */
  readonly entries: readonly ArchiveEntry[];
  /** Whether an entry with exactly this name exists (directories end with "/"). */
  has(name: string): boolean;
  /** Where the entry's local header starts in the file; undefined for unknown names. Reading in this order is sequential. */
  offsetOf(name: string): number | undefined;
  /** A file entry's checked record and the archive's size, for reading it from another opening of the same file. */
  locate(name: string): { fileSize: number; record: EntryRecord } | undefined;
  /**
   * The entry's bytes, verified against the local header, the declared size and the CRC-32. Rejects with
   * `not-found` (no such entry), `not-a-file` (a directory entry), `corrupt-archive`, `unsafe-archive` or
   * `unsupported` (a compression method other than stored or deflate).
   */
  readEntry(name: string): Promise<Buffer>;
  /** The entry as UTF-8 text with any BOM removed; invalid UTF-8 is `malformed-document`, never replaced silently. */
  readText(name: string): Promise<string>;
  /** Releases the file handle. Safe to call twice; reads after close reject. */
  close(): Promise<void>;
}

/** A checked directory with its name index; shared by every reader opened on the same unchanged file. */
interface OpenedDirectory {
  directory: CentralDirectory;
  byName: Map<string, EntryRecord>;
  entries: readonly ArchiveEntry[];
}

/**
 * The directory of the archive opened last, kept for {@link reuseSeconds}: reading a package and then its code
 * (inspection's secret scan, lazy code loading) opens the same archive twice, and checking 60,000 records again
 * costs a few hundred ms. It is reused only for the same path and limits and when the open file's device, inode,
 * size, mtime and ctime (ns) are those it had while the directory was read; ctime cannot be set back, so any write
 * to the file, even one restoring size and mtime, misses. Every entry read still checks the local header and CRC.
 */
let recent: { path: string; limits: string; identity: string; opened: OpenedDirectory; timer: NodeJS.Timeout } | null = null;
const reuseSeconds = 60;

function remember(path: string, limits: string, identity: string, opened: OpenedDirectory): void {
  if (recent) clearTimeout(recent.timer);
  const timer = setTimeout(() => {
    if (recent?.timer === timer) recent = null;
  }, reuseSeconds * 1000);
  timer.unref();
  recent = { path, limits, identity, opened, timer };
}

/**
 * Opens a package archive for random access: the central directory is read once (with the same checks and
 * options as {@link listArchive}), then entries are read on demand with positioned reads on one open file.
 */
export async function openArchive(filePath: string, options?: ZipReadOptions): Promise<ArchiveReader> {
  if (options?.signal?.aborted) throw zipError('cancelled', filePath, 'reading the archive was cancelled');
  const limits = JSON.stringify(options?.limits ?? {});
  let opened: OpenedDirectory | null = null;
  let handle: fs.FileHandle | null = null;
  if (recent && recent.path === filePath && recent.limits === limits) {
    const candidate = recent;
    handle = await fs.open(filePath, 'r').catch(() => null);
    const stat = handle ? await handle.stat({ bigint: true }).catch(() => null) : null;
    if (stat && identityOf(stat) === candidate.identity) {
      opened = candidate.opened;
      options?.onProgress?.(opened.entries.length, opened.entries.length);
    } else {
      await handle?.close();
      handle = null;
    }
  }
  if (!opened) {
    const before = await fs.stat(filePath, { bigint: true }).catch(() => null);
    const directory = await readCentralDirectory(filePath, options);
    try {
      handle = await fs.open(filePath, 'r');
    } catch (error) {
      throw fromFsError(filePath, error);
    }
    // The file could be replaced between listing and opening; offsets are only valid for the size we listed.
    const stat = await handle.stat({ bigint: true });
    if (Number(stat.size) !== directory.fileSize) {
      await handle.close();
      throw zipError('io', filePath, 'changed while it was being opened; try again');
    }
    const entries = directory.records.map((record) => record.entry);
    opened = { directory, byName: new Map<string, EntryRecord>(directory.records.map((record) => [record.entry.name, record])), entries };
    // Reusable only when nothing changed while the directory was read.
    if (before && identityOf(before) === identityOf(stat)) remember(filePath, limits, identityOf(stat), opened);
  }
  const openHandle: fs.FileHandle = handle!;
  const file: ArchiveFile = { path: filePath, size: opened.directory.fileSize, handle: openHandle };
  const { byName } = opened;
  let closed = false;

  const readEntry = async (name: string): Promise<Buffer> => {
    if (closed) throw zipError('io', filePath, `was closed before entry ${JSON.stringify(name)} was read`);
    const record = byName.get(name);
    if (!record) throw zipError('not-found', filePath, 'is not in the archive', name);
    if (record.entry.isDirectory) throw zipError('not-a-file', filePath, 'is a folder, not a file', name);
    return readEntryData(file, record);
  };

  return {
    path: filePath,
    entries: opened.entries,
    has: (name) => byName.has(name),
    offsetOf: (name) => byName.get(name)?.localHeaderOffset,
    locate: (name) => {
      const record = byName.get(name);
      return record && !record.entry.isDirectory ? { fileSize: opened.directory.fileSize, record } : undefined;
    },
    readEntry,
    async readText(name) {
      const bytes = await readEntry(name);
      // isUtf8 + toString is about twice as fast as a fatal TextDecoder, and as strict.
      if (!isUtf8(bytes)) throw zipError('malformed-document', filePath, 'is not valid UTF-8 text', name);
      // A leading UTF-8 BOM (Windows editors like to add one) is dropped.
      const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      return bytes.toString('utf8', start);
    },
    async close() {
      if (closed) return;
      closed = true;
      await openHandle.close();
    },
  };
}
