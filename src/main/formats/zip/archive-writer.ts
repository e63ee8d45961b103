import { createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { Readable } from 'node:stream';
import type { FerryError } from '../../../shared/errors';
import { checkEntryName } from './entry-safety';
import { zipError } from './zip-errors';

/** One entry to write. A name ending in "/" is a folder entry and its data is ignored. */
export interface ArchiveWriteEntry {
  name: string;
  data: Buffer | string | NodeJS.ReadableStream;
  /** Omit for reproducible output (see {@link writeArchive}). */
  mtime?: Date;
}

export interface WriteArchiveOptions {
  signal?: AbortSignal;
  /** Called after each entry is queued, with the number of entries and archive bytes written so far. */
  onProgress?: (entries: number, bytesWritten: number) => void;
}

/**
 * Writes a zip to `outPath` via `<outPath>.partial` and a rename, so readers never see half an archive and a
 * failed or cancelled write leaves nothing behind. Names are checked with the same rules as reading
 * (`unsafe-archive`), duplicates included. Strings are written as UTF-8.
 *
 * Entries without `mtime` get a fixed 2000-01-01 00:00 DOS timestamp and no extended UTC timestamp: yazl derives
 * DOS fields from local time, so only a date built from local fields, with the UTC field left out, gives the
 * same bytes on every machine and in every time zone.
 */
export async function writeArchive(
  outPath: string,
  entries: AsyncIterable<ArchiveWriteEntry> | Iterable<ArchiveWriteEntry>,
  options: WriteArchiveOptions = {},
): Promise<{ entries: number; bytes: number }> {
  const partialPath = `${outPath}.partial`;
  const zip = new yazl.ZipFile();
  const zipOutput = zip.outputStream as Readable;
  const output = createWriteStream(partialPath);
  // The first failure wins: later ones (a destroyed pipe, an aborted stream) are consequences of it.
  const state: { failure: FerryError | null } = { failure: null };
  const fail = (error: FerryError) => {
    state.failure ??= error;
    zipOutput.destroy(state.failure);
    zip.emit('ferry:failed');
  };
  const onAbort = () => fail(zipError('cancelled', outPath, 'writing the archive was cancelled'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  zip.on('error', (error: Error) => fail(zipError('io', outPath, `cannot write the archive (${error.message})`)));
  const written = pipeline(zipOutput, output);
  // Keeps an early failure from surfacing as an unhandled rejection before it is awaited below.
  written.catch(() => undefined);

  const names = new Set<string>();
  const pulled: Promise<void>[] = [];
  const failed = new Promise<void>((resolve) => zip.once('ferry:failed', resolve));
  try {
    if (options.signal?.aborted) onAbort();
    for await (const entry of entries) {
      if (state.failure) break;
      const violation = checkEntryName(entry.name) ?? (names.has(entry.name) ? { problem: 'appears more than once (duplicate entry names are ambiguous)' } : null);
      if (violation) throw zipError('unsafe-archive', outPath, violation.problem, entry.name);
      names.add(entry.name);
      pulled.push(addEntry(zip, entry, (error) => fail(zipError('io', outPath, `could not read the data (${error.message})`, entry.name))));
      options.onProgress?.(names.size, output.bytesWritten);
      // Stay at most QUEUE_AHEAD entries ahead of what yazl has written, so memory stays bounded.
      if (pulled.length > QUEUE_AHEAD) await Promise.race([pulled[pulled.length - 1 - QUEUE_AHEAD], failed]);
    }
    if (!state.failure) zip.end();
    await written.catch((error: unknown) => {
      throw state.failure ?? zipError('io', outPath, `cannot write the archive (${describe(error)})`);
    });
    if (state.failure) throw state.failure;
    await fs.rename(partialPath, outPath).catch((error: unknown) => {
      throw zipError('io', outPath, `cannot move the finished archive into place (${describe(error)})`);
    });
    return { entries: names.size, bytes: output.bytesWritten };
  } catch (error) {
    const reported = state.failure ?? error;
    zipOutput.destroy();
    output.destroy();
    await fs.rm(partialPath, { force: true });
    throw reported;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

const FIXED_MTIME = () => new Date(2000, 0, 1, 0, 0, 0);
const QUEUE_AHEAD = 64;

/**
 * Queues one entry; resolves when yazl starts pulling its data. Data goes through addReadStreamLazy, not
 * addBuffer: addBuffer starts a thread-pool deflate for every buffer at once, which for 40,000 entries took
 * over a minute and 400 MB, while lazy streams are compressed one at a time, in order, as output is written.
 */
function addEntry(zip: yazl.ZipFile, entry: ArchiveWriteEntry, onStreamError: (error: Error) => void): Promise<void> {
  const time = entry.mtime ? { mtime: entry.mtime } : { mtime: FIXED_MTIME(), forceDosTimestamp: true };
  if (entry.name.endsWith('/')) {
    zip.addEmptyDirectory(entry.name, time);
    return Promise.resolve();
  }
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
  const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
  // yazl pipes the stream without an error handler; an unhandled stream error would crash the process.
  source.on('error', onStreamError);
  const options = Buffer.isBuffer(data) ? { ...time, size: data.length } : time;
  return new Promise((resolve) => {
    zip.addReadStreamLazy(entry.name, options, (callback) => {
      resolve();
      callback(null, source);
    });
  });
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}
