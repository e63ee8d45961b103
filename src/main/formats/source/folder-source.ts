import fs, { type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FerryError } from '../../../shared/errors';
import {
  checkEntryPath,
  decodeUtf8,
  throwIfAborted,
  type PackageSource,
  type SourceFileInfo,
  type SourceOptions,
} from './package-source';

/**
 * How the folder is read. A package folder is tens of thousands of small files; through the promise API every
 * file system call is a thread-pool round trip with tens of microseconds of main-thread overhead, several times
 * the call itself when the data is in the page cache. So calls are synchronous, in slices: after `sliceMs` of
 * work without a turn of the event loop, the next call first yields (setImmediate), so a web server or the
 * Electron main process sharing the loop stays responsive; a slow disk only makes each slice end after one call.
 * A synchronous call slower than `slowCallMs` (a network disk that stalls) sends the calls through the thread
 * pool for `asyncForMs`. It is not lower because on a busy machine a call preempted by the scheduler also takes
 * milliseconds, and measured at 5 ms that made a loaded machine read half through the thread pool at 3x the CPU.
 * Files above `syncReadLimit` are always read through the thread pool.
 */
const sliceMs = 5;
const slowCallMs = 50;
const asyncForMs = 1000;
const syncReadLimit = 1 << 20;

/** Open flags for reads: no blocking on a fifo put in a file's place, no controlling terminal from a device. */
const readFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
/** The same, refusing a symbolic link as the last path segment (a file swapped for a link after listing). */
const readFlagsNoFollow = readFlags | (fs.constants.O_NOFOLLOW ?? 0);

/** The file system calls this source makes, synchronous or through the thread pool (awaited either way). */
interface FsCalls {
  readonly sync: boolean;
  readdir(dir: string): Dirent[] | Promise<Dirent[]>;
  lstat(file: string): Stats | Promise<Stats>;
  realpath(file: string): string | Promise<string>;
  open(file: string, flags: number): number | Promise<number>;
  fstat(fd: number): Stats | Promise<Stats>;
  read(
    fd: number,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
  ): number | Promise<number>;
  close(fd: number): void | Promise<void>;
}

const syncCalls: FsCalls = {
  sync: true,
  readdir: (dir) => fs.readdirSync(dir, { withFileTypes: true }),
  lstat: (file) => fs.lstatSync(file),
  realpath: (file) => fs.realpathSync.native(file),
  open: (file, flags) => fs.openSync(file, flags),
  fstat: (fd) => fs.fstatSync(fd),
  read: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  close: (fd) => fs.closeSync(fd),
};

const openAsync = promisify(fs.open);
const fstatAsync = promisify(fs.fstat);
const closeAsync = promisify(fs.close);
const readAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) =>
    fs.read(fd, buffer, offset, length, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );

const asyncCalls: FsCalls = {
  sync: false,
  readdir: (dir) => fs.promises.readdir(dir, { withFileTypes: true }),
  lstat: (file) => fs.promises.lstat(file),
  realpath: (file) => fs.promises.realpath(file),
  open: (file, flags) => openAsync(file, flags),
  fstat: (fd) => fstatAsync(fd),
  read: readAsync,
  close: (fd) => closeAsync(fd),
};

/** Hands out the calls to use next and keeps the synchronous stretches short (see `sliceMs`). */
class Pacer {
  private sliceStart = performance.now();
  private asyncUntil = 0;
  private turn: Promise<void> | null = null;

  /** The calls to use now; first yields to the event loop when the current slice is used up. */
  async calls(preferAsync = false): Promise<FsCalls> {
    if (preferAsync || performance.now() < this.asyncUntil) return asyncCalls;
    // Every caller waiting for the same turn shares it; after the turn the slice starts again.
    while (performance.now() - this.sliceStart >= sliceMs) await (this.turn ??= this.nextTurn());
    return syncCalls;
  }

  /** After a synchronous step that began at `start`: a slow one sends the next calls to the thread pool. */
  timed(calls: FsCalls, start: number): void {
    if (calls.sync && performance.now() - start > slowCallMs)
      this.asyncUntil = performance.now() + asyncForMs;
  }

  private nextTurn(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        this.turn = null;
        this.sliceStart = performance.now();
        resolve();
      }),
    );
  }
}

/** A listed file: what callers see, and the identity of the file that was listed. */
interface Listed {
  info: SourceFileInfo;
  dev: number;
  ino: number;
  /** Where the file was found when that is not the entry under the root (a linked file or folder). */
  real: string | null;
}

/**
 * Error codes of a path that no longer leads to the listed file: gone, a link where O_NOFOLLOW refuses one (ELOOP;
 * EMLINK on FreeBSD), a folder (EISDIR where folders cannot be opened, as on Windows).
 */
const goneCodes = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EMLINK', 'EISDIR']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Runs a call that may throw synchronously or reject; either way the result is a promise. */
async function settle<T>(call: () => T | Promise<T>): Promise<T> {
  return call();
}

/** True when `target` is `root` or lies below it (both already resolved). */
function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Reads `size` bytes (fewer if the file shrank) from an open file. */
async function readOpen(calls: FsCalls, fd: number, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const count = await calls.read(fd, buffer, done, size - done, done);
    if (count === 0) break;
    done += count;
  }
  return done === size ? buffer : buffer.subarray(0, done);
}

/**
 * Opens an unzipped package folder. Symbolic links are followed only when they resolve inside the folder: a
 * package is untrusted input and must not make Ferry read (and later upload) files from elsewhere on the disk.
 * Sockets, fifos and devices are left out; linked folders already listed (link loops) are not listed again.
 *
 * A read opens the file where it was listed and checks that the opened file is the one listed (same device and
 * inode, still a plain file): a file or folder swapped for a link after listing opens another file (or none) and
 * fails the check. Only then is the path resolved again (the folder may legitimately have changed): a file that
 * now leads outside the folder is refused, a missing one is reported as gone.
 */
export async function openFolderSource(folder: string, options: SourceOptions = {}): Promise<PackageSource> {
  const describe = folder;
  let root: string;
  try {
    root = await fs.promises.realpath(folder);
    if (!(await fs.promises.stat(root)).isDirectory())
      throw new FerryError('not-a-file', `${describe}: is not a folder`);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError('not-found', `${describe}: no such folder`);
  }
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  const underRoot = (entry: string) =>
    rootPrefix + (path.sep === '/' ? entry : entry.split('/').join(path.sep));

  const pacer = new Pacer();
  const files = new Map<string, Listed>();
  const skipped: { path: string; reason: string }[] = [];
  /** Real paths of the folders listed, to the entry path they were listed under. */
  const visited = new Map<string, string>([[root, '']]);
  const ioError = (what: string, error: unknown) =>
    new FerryError(
      'io',
      `${describe}: cannot read ${what || 'the folder'} (${errorCode(error) ?? String(error)})`,
    );

  // Depth-first with an explicit stack; `visited` holds real folder paths so linked loops end. `linked`: the real
  // path is not the entry path under the root (the folder was reached through a link).
  interface Folder {
    real: string;
    relative: string;
    linked: boolean;
  }
  const stack: Folder[] = [{ real: root, relative: '', linked: false }];

  const addFolder = (found: Folder[], folderFound: Folder) => {
    if (visited.has(folderFound.real)) return;
    visited.set(folderFound.real, folderFound.relative);
    found.push(folderFound);
  };

  /** One folder entry: a file is recorded, a folder added to `found`, a link followed when it stays inside. */
  async function visit(calls: FsCalls, dir: Folder, dirent: Dirent, found: Folder[]): Promise<void> {
    const relative = dir.relative === '' ? dirent.name : `${dir.relative}/${dirent.name}`;
    // A listed name is one path segment and `dir.real` is already normalized: joined without path.join, which
    // normalizes the whole path again for each of tens of thousands of files.
    const where = dir.real.endsWith(path.sep) ? dir.real + dirent.name : dir.real + path.sep + dirent.name;
    if (dirent.isDirectory()) {
      addFolder(found, { real: where, relative, linked: dir.linked });
      return;
    }
    if (dirent.isFile()) {
      // lstat, not stat: a file swapped for a link since the folder was read must not lend its place to the target.
      const stat = await settle(() => calls.lstat(where)).catch((error: unknown) => {
        if (goneCodes.has(errorCode(error) ?? '')) return null; // removed while listing
        throw ioError(relative, error);
      });
      if (stat?.isFile())
        files.set(relative, {
          info: { size: stat.size, crc32: null },
          dev: stat.dev,
          ino: stat.ino,
          real: dir.linked ? where : null,
        });
      return;
    }
    if (!dirent.isSymbolicLink()) return; // sockets, fifos, devices: not package files
    let real: string;
    try {
      real = await calls.realpath(where);
    } catch {
      skipped.push({ path: relative, reason: 'broken symbolic link' });
      return;
    }
    if (!isInside(root, real)) {
      skipped.push({ path: relative, reason: 'symbolic link leads outside the package folder' });
      return;
    }
    // The resolved path has no link left in it, so lstat sees what the link leads to.
    const stat = await settle(() => calls.lstat(real)).catch(() => null);
    if (stat?.isDirectory()) addFolder(found, { real, relative, linked: true });
    else if (stat?.isFile())
      files.set(relative, { info: { size: stat.size, crc32: null }, dev: stat.dev, ino: stat.ino, real });
  }

  while (stack.length > 0) {
    throwIfAborted(describe, options.signal);
    const dir = stack.pop()!;
    let calls = await pacer.calls();
    let start = performance.now();
    const dirents = await settle(() => calls.readdir(dir.real)).catch((error: unknown) => {
      throw ioError(dir.relative, error);
    });
    pacer.timed(calls, start);
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Plain entries first, then links: a folder reached both ways is listed under its own path.
    const plain = dirents.filter((dirent) => !dirent.isSymbolicLink());
    const links = dirents.filter((dirent) => dirent.isSymbolicLink());
    const subdirs: Folder[] = [];
    for (const group of [plain, links]) {
      for (let i = 0; i < group.length; i += 1) {
        calls = await pacer.calls();
        if (!calls.sync) {
          // Thread pool: the rest of the group at once, as the disk is slow.
          await Promise.all(group.slice(i).map((dirent) => visit(calls, dir, dirent, subdirs)));
          break;
        }
        start = performance.now();
        await visit(calls, dir, group[i], subdirs);
        pacer.timed(calls, start);
      }
    }
    subdirs.sort((a, b) => (a.relative < b.relative ? 1 : -1));
    stack.push(...subdirs);
  }

  // A folder swapped for a link while the listing ran (after its parent was read, before it was) would have had
  // the link's target listed, and reads check only that they get the listed files. So every folder listed must
  // still be a folder, not a link: then every listed file was found inside. (A folder that was swapped and put
  // back between two checks is a race the reads' check cannot see either.)
  for (const [real, relative] of visited) {
    if (real === root) continue;
    const calls = await pacer.calls();
    const start = performance.now();
    const stat = await settle(() => calls.lstat(real)).catch((error: unknown) => {
      if (goneCodes.has(errorCode(error) ?? '')) return null; // removed: its files are reported gone when read
      throw ioError(relative, error);
    });
    pacer.timed(calls, start);
    if (stat && !stat.isDirectory())
      throw new FerryError(
        'unsafe-archive',
        `${describe}: ${relative} was replaced while the folder was being listed; open it again`,
      );
  }
  const listing = [...files.keys()].sort();

  /** Opens `file` and reads it when it is still the listed file; null when it is not (or is gone). */
  async function readListed(
    calls: FsCalls,
    file: string,
    listed: Listed,
    entry: string,
  ): Promise<Buffer | null> {
    let fd: number;
    try {
      fd = await calls.open(file, readFlagsNoFollow);
    } catch (error) {
      if (goneCodes.has(errorCode(error) ?? '')) return null;
      throw ioError(entry, error);
    }
    try {
      const stat = await calls.fstat(fd);
      if (!stat.isFile() || stat.dev !== listed.dev || stat.ino !== listed.ino) return null;
      return await readOpen(calls, fd, stat.size);
    } catch (error) {
      throw error instanceof FerryError ? error : ioError(entry, error);
    } finally {
      await settle(() => calls.close(fd)).catch(() => undefined);
    }
  }

  /** The listed file changed: resolve the entry again, as a fresh listing would, and read what it leads to. */
  async function readChanged(entry: string): Promise<Buffer> {
    const gone = () => new FerryError('not-found', `${describe}: ${entry} has disappeared`);
    const notFile = () => new FerryError('not-found', `${describe}: ${entry} is no longer a file`);
    const real = await fs.promises.realpath(underRoot(entry)).catch(() => {
      throw gone();
    });
    if (!isInside(root, real))
      throw new FerryError('unsafe-archive', `${describe}: ${entry} leads outside the package folder`);
    let fd: number;
    try {
      // The resolved path ends in no link; one appearing there now is refused.
      fd = await openAsync(real, readFlagsNoFollow);
    } catch (error) {
      if (errorCode(error) === 'EISDIR') throw notFile();
      if (goneCodes.has(errorCode(error) ?? '')) throw gone();
      throw ioError(entry, error);
    }
    try {
      const stat = await fstatAsync(fd);
      if (!stat.isFile()) throw notFile();
      return await readOpen(asyncCalls, fd, stat.size);
    } catch (error) {
      throw error instanceof FerryError ? error : ioError(entry, error);
    } finally {
      await closeAsync(fd).catch(() => undefined);
    }
  }

  async function read(entry: string): Promise<Buffer> {
    checkEntryPath(describe, entry);
    const listed = files.get(entry);
    if (!listed) throw new FerryError('not-found', `${describe}: no file ${entry} in the package`);
    const calls = await pacer.calls(listed.info.size > syncReadLimit);
    const start = performance.now();
    const bytes = await readListed(calls, listed.real ?? underRoot(entry), listed, entry);
    pacer.timed(calls, start);
    return bytes ?? readChanged(entry);
  }

  return {
    describe,
    skipped,
    list: () => listing,
    info: (entry) => files.get(entry)?.info,
    readBytes: read,
    readText: async (entry) => decodeUtf8(await read(entry)),
    close: () => Promise.resolve(),
  };
}
