import fs, { type BigIntStats } from 'node:fs';

/**
 * What replacing or writing to a file changes: device, inode, size, mtime and ctime (ns). ctime cannot be set back,
 * so any write, even one restoring size and mtime, changes it.
 */
export function identityOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** The identity of the file at `file` now; null when there is no file there (a folder, say). */
export function fileIdentityNow(file: string): string | null {
  const stat = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return stat?.isFile() ? identityOf(stat) : null;
}
