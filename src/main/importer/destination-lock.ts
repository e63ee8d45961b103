import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FerryError } from '../../shared/errors';

/**
 * The destination lock (Dataphin's maintenance mode): while an import runs, `.ferry-import.lock` in the destination
 * folder names who holds it. It is created with O_EXCL, so of two imports starting together exactly one gets it.
 *
 * A lock whose holder died (same host, pid no longer alive) is stale and is cleared, under a second O_EXCL file
 * (`.ferry-import.lock.clearing`) so that two processes clearing the same stale lock cannot remove each other's fresh
 * one: the clearer re-reads the lock under that guard and removes it only if it is still the same stale lock (same
 * token). A lock held on another host cannot be checked from here and is never cleared automatically.
 * Limits: a pid reused by an unrelated process makes a dead holder look alive (the lock then has to be removed by
 * hand; the message says where).
 */

export const LOCK_FILE_NAME = '.ferry-import.lock';
const CLEARING_SUFFIX = '.clearing';

export interface LockHolder {
  pid: number;
  hostname: string;
  user: string;
  taskName: string;
  startedAt: string;
  /** Random, tells this lock from a later one with the same pid. */
  token: string;
}

export interface DestinationLock {
  readonly holder: LockHolder;
  /** Removes the lock if it is still ours. Never throws. */
  release(): Promise<void>;
}

export interface AcquireOptions {
  taskName: string;
  now?: () => Date;
  /** For tests: whether a pid is alive on this host. */
  isAlive?: (pid: number) => boolean;
  hostname?: string;
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return {
      pid: parsed.pid,
      hostname: parsed.hostname,
      user: String(parsed.user ?? 'unknown'),
      taskName: String(parsed.taskName ?? 'unknown'),
      startedAt: String(parsed.startedAt ?? 'unknown'),
      token: String(parsed.token ?? ''),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written (a crash between create and write): treat as a holder we cannot identify.
    return { pid: -1, hostname: '', user: 'unknown', taskName: 'unknown', startedAt: 'unknown', token: '' };
  }
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

function describeHolder(holder: LockHolder): string {
  return `task "${holder.taskName}" run by ${holder.user} on ${holder.hostname || 'an unknown host'} (pid ${holder.pid}) since ${holder.startedAt}`;
}

/**
 * Takes the lock of a destination folder or throws `conflict` naming who holds it. Clears a stale lock left by a
 * crashed process on this host first.
 */
export async function acquireDestinationLock(
  destination: string,
  options: AcquireOptions,
): Promise<DestinationLock> {
  const file = path.join(destination, LOCK_FILE_NAME);
  const hostname = options.hostname ?? os.hostname();
  const isAlive = options.isAlive ?? isProcessAlive;
  const holder: LockHolder = {
    pid: process.pid,
    hostname,
    user: currentUser(),
    taskName: options.taskName,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  const isStale = (h: LockHolder) => h.hostname === hostname && !isAlive(h.pid);

  for (let attempt = 0; attempt < 3; attempt += 1) {
    let created: boolean;
    try {
      created = await createExclusive(file, content);
    } catch (error) {
      throw lockIoError(destination, error);
    }
    if (created) return { holder, release: () => releaseLock(file, holder.token) };
    const existing = await readHolder(file);
    if (existing === null) continue; // released meanwhile: try again
    if (existing.pid === -1 || !isStale(existing)) {
      const who =
        existing.pid === -1 ? 'another import (its lock file cannot be read)' : describeHolder(existing);
      throw new FerryError(
        'conflict',
        `${path.basename(destination)} is locked by ${who}. Wait for it to finish; if that process is gone, delete ${file}.`,
        { lockFile: file, holder: existing },
      );
    }
    await clearStaleLock(file, existing, isStale);
  }
  throw new FerryError(
    'conflict',
    `${path.basename(destination)}: could not take the lock ${file} (it keeps changing).`,
  );
}

async function clearStaleLock(
  file: string,
  stale: LockHolder,
  isStale: (h: LockHolder) => boolean,
): Promise<void> {
  const guard = `${file}${CLEARING_SUFFIX}`;
  const mine = `${JSON.stringify({ pid: process.pid, hostname: stale.hostname })}\n`;
  if (!(await createExclusive(guard, mine))) {
    // Someone is clearing it, or died doing so: remove a dead clearer's guard and let the caller retry.
    const clearer = await readHolder(guard);
    if (clearer && clearer.pid !== -1 && isStale(clearer)) await fs.rm(guard, { force: true });
    return;
  }
  try {
    const again = await readHolder(file);
    if (again && again.token === stale.token && again.pid === stale.pid && isStale(again))
      await fs.rm(file, { force: true });
  } finally {
    await fs.rm(guard, { force: true });
  }
}

async function releaseLock(file: string, token: string): Promise<void> {
  try {
    const current = await readHolder(file);
    if (current?.token === token) await fs.rm(file, { force: true });
  } catch {
    // never throw from release (it runs in finally)
  }
}

function lockIoError(destination: string, error: unknown): FerryError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new FerryError(
      'io',
      `${destination}: the destination is read-only (cannot create the import lock: ${code}).`,
      { errno: code },
    );
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new FerryError('not-found', `${destination}: no such destination folder.`);
  return new FerryError('io', `${destination}: cannot create the import lock (${code ?? String(error)}).`);
}
