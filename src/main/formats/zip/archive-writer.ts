import { promises as fs } from 'node:fs';
import type { FerryError } from '../../../shared/errors';
import { checkEntryName } from './entry-safety';
import { zipError } from './zip-errors';
import { ZipStreamWriter } from './zip-stream-writer';

/** One entry to write. A name ending in "/" is a folder entry and its data is ignored. */
export interface ArchiveWriteEntry {
  name: string;
  data: Buffer | string | NodeJS.ReadableStream | AsyncIterable<Buffer | string>;
  /** Omit for reproducible output (see {@link writeArchive}). */
  mtime?: Date;
}

export interface WriteArchiveOptions {
  signal?: AbortSignal;
  /** Called after each entry is written, with the number of entries and archive bytes written so far. */
  onProgress?: (entries: number, bytesWritten: number) => void;
  /** Deflate level 0-9 (0 stores everything); default 6, as `zip`. */
  level?: number;
}

export interface WrittenArchive {
  entries: number;
  bytes: number;
  /** SHA-256 (hex) of the archive, computed while writing. */
  sha256: string;
}

/**
 * Writes a zip to `outPath` via `<outPath>.partial` and a rename, so readers never see half an archive and a
 * failed or cancelled write leaves nothing behind. Names are checked with the same rules as reading
 * (`unsafe-archive`), duplicates included. Strings are written as UTF-8. Entries are written one at a time in
 * the order given, so memory holds one entry's data plus a 1 MiB write buffer and the central directory.
 *
 * Entries without `mtime` get a fixed 2000-01-01 00:00 DOS timestamp and no extended timestamp field, so the
 * same input gives the same bytes on every machine and in every time zone.
 */
export async function writeArchive(
  outPath: string,
  entries: AsyncIterable<ArchiveWriteEntry> | Iterable<ArchiveWriteEntry>,
  options: WriteArchiveOptions = {},
): Promise<WrittenArchive> {
  const partialPath = `${outPath}.partial`;
  const cancelled = (): FerryError => zipError('cancelled', outPath, 'writing the archive was cancelled');
  if (options.signal?.aborted) throw cancelled();
  const handle = await fs.open(partialPath, 'w').catch((error: unknown) => {
    throw zipError('io', outPath, `cannot write the archive (${describe(error)})`);
  });
  let closed = false;
  try {
    const zip = new ZipStreamWriter(handle, options.level ?? 6);
    const names = new Set<string>();
    for await (const entry of entries) {
      if (options.signal?.aborted) throw cancelled();
      const violation =
        checkEntryName(entry.name) ??
        (names.has(entry.name)
          ? { problem: 'appears more than once (duplicate entry names are ambiguous)' }
          : null);
      if (violation) throw zipError('unsafe-archive', outPath, violation.problem, entry.name);
      names.add(entry.name);
      await addEntry(zip, entry, outPath, options.signal);
      options.onProgress?.(names.size, zip.bytesWritten);
    }
    if (options.signal?.aborted) throw cancelled();
    const { bytes, sha256 } = await zip.finish().catch((error: unknown) => {
      throw zipError('io', outPath, `cannot write the archive (${describe(error)})`);
    });
    closed = true;
    await handle.close();
    await fs.rename(partialPath, outPath).catch((error: unknown) => {
      throw zipError('io', outPath, `cannot move the finished archive into place (${describe(error)})`);
    });
    return { entries: names.size, bytes, sha256 };
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(partialPath, { force: true });
    throw error;
  }
}

const FIXED_MTIME = () => new Date(2000, 0, 1, 0, 0, 0);

/** Writes one entry; read errors name the entry, write errors name the archive, an abort is `cancelled`. */
async function addEntry(
  zip: ZipStreamWriter,
  entry: ArchiveWriteEntry,
  outPath: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const mtime = entry.mtime ?? FIXED_MTIME();
  const writing = async (): Promise<void> => {
    if (entry.name.endsWith('/')) return zip.addDirectory(entry.name, mtime);
    if (typeof entry.data === 'string')
      return zip.addBuffer(entry.name, Buffer.from(entry.data, 'utf8'), mtime);
    if (Buffer.isBuffer(entry.data)) return zip.addBuffer(entry.name, entry.data, mtime);
    return zip.addStream(
      entry.name,
      readErrorsNamed(entry.data as AsyncIterable<Buffer | string>),
      mtime,
      signal,
    );
  };
  try {
    await writing();
  } catch (error) {
    if (error instanceof SourceReadError)
      throw zipError('io', outPath, `could not read the data (${error.message})`, entry.name);
    if (signal?.aborted) throw zipError('cancelled', outPath, 'writing the archive was cancelled');
    throw zipError('io', outPath, `cannot write the archive (${describe(error)})`);
  }
}

/** Marks errors raised by the entry's own data source, to tell them from failures writing the archive. */
class SourceReadError extends Error {}

async function* readErrorsNamed(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer | string>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw new SourceReadError(error instanceof Error ? error.message : String(error));
    }
    if (next.done) return;
    yield next.value;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}
