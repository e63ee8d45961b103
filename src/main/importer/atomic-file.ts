import { randomBytes } from 'node:crypto';
import fsCallback, { promises as fs } from 'node:fs';
import path from 'node:path';
import { mapLimit } from '../plan/pool';
import { canSyncFileSystem, commonFolder, syncFileSystem } from './file-system-sync';

/**
 * Writes files into a destination so that a crash at any moment leaves either the old bytes or the new bytes, never
 * part of either: a temporary file in the same folder (same file system, so the rename is atomic), written, flushed
 * (when durable), then renamed over the target. Temporary names carry a fixed marker so a later run can remove the
 * ones a killed run left behind ({@link isImporterTempFile}).
 *
 * The importer takes a {@link FileWriter} rather than calling this directly, so tests can inject faults (a full disk).
 */
export interface FileWriter {
  /** Writes `data` to `file` atomically, creating parent folders. */
  write(file: string, data: Buffer): Promise<void>;
  /**
   * Optional: writes several files, each atomically, with the flushes batched (all temporary files written and
   * fsynced, then all renamed, then each folder fsynced once). Resolves with one entry per file: null when written,
   * else the error (the file then keeps its old bytes). Writers without it get {@link writeFiles}' one-by-one loop.
   */
  writeMany?(files: readonly WriteItem[]): Promise<(Error | null)[]>;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** One file of a batched write. */
export interface WriteItem {
  file: string;
  data: Buffer;
}

/** How many files of a batch are in flight at once (temp writes, fsyncs, renames, folder fsyncs). */
const BATCH_CONCURRENCY = 16;

/**
 * Writes `items` with `writer.writeMany` when it has one, else one by one with `write`, stopping at the first error
 * `stop` says ends the run (the files after it are not attempted: their entry is `undefined`).
 */
export async function writeFiles(
  writer: FileWriter,
  items: readonly WriteItem[],
  stop: (error: unknown) => boolean,
): Promise<(Error | null | undefined)[]> {
  if (items.length === 0) return [];
  if (writer.writeMany) return writer.writeMany(items);
  const results: (Error | null | undefined)[] = new Array<undefined>(items.length).fill(undefined);
  for (let i = 0; i < items.length; i += 1) {
    try {
      await writer.write(items[i].file, items[i].data);
      results[i] = null;
    } catch (error) {
      results[i] = asError(error);
      if (stop(error)) break;
    }
  }
  return results;
}

/** The marker in every temporary file name the importer writes. */
export const TEMP_MARKER = '.ferry-tmp-';

/** True for a temporary file the importer (or writeWorkspaceConfig) may have left behind when killed. */
export function isImporterTempFile(name: string): boolean {
  return /\.ferry-tmp-\d+-[0-9a-f]{8}$/.test(name) || /^\.workspace\.json\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);
}

export interface AtomicWriterOptions {
  /**
   * fsync each file before the rename and its folder after. Protects against power loss as well as process death;
   * a rename without fsync already survives a killed process (the page cache is the kernel's). Default true.
   */
  durable?: boolean;
  /**
   * For the kill test: called at every point a kill can land between two effects (before a temporary file, between
   * temporary files and renames, after each rename).
   */
  onStep?: () => void;
  /** The file system calls it makes; {@link asyncCalls} unless told (the writer thread passes {@link syncCalls}). */
  calls?: WriterCalls;
}

/** The file system calls of a writer: asynchronous on the calling thread, or synchronous on a thread of its own. */
export interface WriterCalls {
  /** `mkdir -p`; resolves with the first folder it created, if any. */
  mkdir(dir: string): Promise<string | undefined>;
  /** Creates `file` (which must not exist), writes `data`, fsyncs it when `flush`, closes it in every case. */
  writeNew(file: string, data: Buffer, flush: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file, quietly when it is not there. */
  remove(file: string): Promise<void>;
}

/**
 * Temporary names: pid and 8 hex digits, a random start then counting up (one random draw per process rather than one
 * per file; the file is opened O_EXCL, so a clash with a file a killed run left is an error, never an overwrite).
 */
let tempCounter = randomBytes(4).readUInt32BE(0);

function tempPath(file: string): string {
  tempCounter = (tempCounter + 1) >>> 0;
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}${TEMP_MARKER}${process.pid}-${tempCounter.toString(16).padStart(8, '0')}`,
  );
}

/**
 * Writes a new temporary file (O_EXCL) and, when durable, fsyncs it; closes it in every case. On a plain descriptor
 * with callbacks rather than a `FileHandle`: an import writes tens of thousands of small files, and the promise
 * API's per-call overhead was a visible share of its CPU time.
 */
function writeTemp(temp: string, data: Buffer, durable: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    fsCallback.open(temp, 'wx', (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null): void =>
        fsCallback.close(fd, (closeError) => {
          const failed = error ?? closeError;
          if (failed) reject(failed);
          else resolve();
        });
      const writeFrom = (offset: number): void => {
        if (offset >= data.length) {
          if (durable) fsCallback.fsync(fd, finish);
          else finish(null);
          return;
        }
        fsCallback.write(fd, data, offset, data.length - offset, null, (writeError, written) => {
          if (writeError) finish(writeError);
          else writeFrom(offset + written);
        });
      };
      writeFrom(0);
    });
  });
}

/** The calling thread's calls: promises and callbacks, the work on libuv's thread pool. */
export const asyncCalls: WriterCalls = {
  mkdir: (dir) => fs.mkdir(dir, { recursive: true }),
  writeNew: writeTemp,
  rename: (from, to) => fs.rename(from, to),
  remove: (file) => fs.rm(file, { force: true }),
};

/**
 * Synchronous calls, for a thread that does nothing but write (writer-worker.ts): each file costs its system calls
 * only, without a hand-off to the thread pool and back per call (a third of the writing's CPU for small files).
 */
export const syncCalls: WriterCalls = {
  mkdir: (dir) => settled(() => fsCallback.mkdirSync(dir, { recursive: true })),
  writeNew: (file, data, flush) =>
    settled(() => {
      const fd = fsCallback.openSync(file, 'wx');
      try {
        for (let offset = 0; offset < data.length; ) offset += fsCallback.writeSync(fd, data, offset);
        if (flush) fsCallback.fsyncSync(fd);
      } finally {
        fsCallback.closeSync(fd);
      }
    }),
  rename: (from, to) => settled(() => fsCallback.renameSync(from, to)),
  remove: (file) => settled(() => fsCallback.rmSync(file, { force: true })),
};

/** A synchronous call's result or error as a settled promise. */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(asError(error));
  }
}

/**
 * The real writer: temp file in the same folder, optional fsync, rename, optional folder fsync. `writeMany` keeps
 * the same order per file (temp flushed before its rename, rename before its folder's flush) but overlaps the files
 * of a batch and flushes each folder once, not once per file.
 */
export function createAtomicWriter(options: AtomicWriterOptions = {}): FileWriter {
  const durable = options.durable ?? true;
  const step = options.onStep ?? (() => undefined);
  const calls = options.calls ?? asyncCalls;
  return {
    async write(file, data) {
      const dir = path.dirname(file);
      step();
      const created = await calls.mkdir(dir);
      const temp = tempPath(file);
      try {
        await calls.writeNew(temp, data, durable);
        step();
        await calls.rename(temp, file);
        step();
      } catch (error) {
        await calls.remove(temp).catch(() => undefined);
        throw error;
      }
      if (durable) for (const folder of [dir, ...holdersOfNew(dir, created)]) await syncFolder(folder);
    },
    async writeMany(items) {
      const results: (Error | null)[] = new Array<null>(items.length).fill(null);
      const temps: (string | null)[] = new Array<null>(items.length).fill(null);
      const folderError = new Map<string, Error>();
      const folders = [...new Set(items.map((item) => path.dirname(item.file)))];
      const holders = new Set<string>();
      await mapLimit(folders, BATCH_CONCURRENCY, (dir) =>
        calls.mkdir(dir).then(
          (created) => holdersOfNew(dir, created).forEach((folder) => holders.add(folder)),
          (error: unknown) => void folderError.set(dir, asError(error)),
        ),
      );
      // Durable: one syncfs of the batch's file system after the temporary files and one after the renames where
      // the platform has it, else every temporary file fsynced and every touched folder flushed.
      const root = commonFolder(items.map((item) => item.file));
      const wholeFileSystem = durable && (await canSyncFileSystem());
      // 1. Every temporary file written (and flushed).
      await mapLimit(items, BATCH_CONCURRENCY, async (item, i) => {
        const failed = folderError.get(path.dirname(item.file));
        if (failed !== undefined) {
          results[i] = failed;
          return;
        }
        const temp = tempPath(item.file);
        try {
          step();
          await calls.writeNew(temp, item.data, durable && !wholeFileSystem);
          temps[i] = temp;
        } catch (error) {
          results[i] = asError(error);
          await calls.remove(temp).catch(() => undefined);
        }
      });
      if (wholeFileSystem) await syncOrFail(root, results, temps, calls);
      // 2. Renamed over their targets.
      step();
      await mapLimit(items, BATCH_CONCURRENCY, async (item, i) => {
        const temp = temps[i];
        if (temp === null) return;
        try {
          await calls.rename(temp, item.file);
          step();
        } catch (error) {
          results[i] = asError(error);
          await calls.remove(temp).catch(() => undefined);
        }
      });
      // 3. The renames (and new folders) flushed.
      if (wholeFileSystem) await syncOrFail(root, results, temps, calls);
      else if (durable) {
        const renamed = new Set(
          items.flatMap((item, i) =>
            temps[i] !== null && results[i] === null ? [path.dirname(item.file)] : [],
          ),
        );
        await mapLimit([...new Set([...renamed, ...holders])], BATCH_CONCURRENCY, (dir) => syncFolder(dir));
      }
      return results;
    },
  };
}

/**
 * Syncs the file system of a batch; when that fails, every file of the batch not failed before fails with it (its
 * bytes may not be on disk) and its temporary file, when not yet renamed, is removed.
 */
async function syncOrFail(
  root: string,
  results: (Error | null)[],
  temps: (string | null)[],
  calls: WriterCalls,
): Promise<void> {
  try {
    await syncFileSystem(root);
  } catch (error) {
    await mapLimit(results, BATCH_CONCURRENCY, async (result, i) => {
      if (result !== null) return;
      results[i] = asError(error);
      const temp = temps[i];
      temps[i] = null;
      if (temp !== null) await calls.remove(temp).catch(() => undefined);
    });
  }
}

/**
 * The folders whose entries changed when `mkdir -p dir` created `created` (the first new folder, as fs.mkdir
 * returns it): the parent of `created` and every new folder above `dir`. A new folder's own entry lives in its
 * parent, so without flushing these a power loss could lose a folder whose files were flushed.
 */
export function holdersOfNew(dir: string, created: string | undefined): string[] {
  if (created === undefined) return [];
  const out: string[] = [];
  for (let folder = path.dirname(dir); ; folder = path.dirname(folder)) {
    out.push(folder);
    if (folder === path.dirname(created) || folder === path.dirname(folder)) break;
  }
  return out;
}

/** Flushes a folder entry (the rename) where the platform allows opening a folder. */
export async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort (not possible on Windows)
  }
}
