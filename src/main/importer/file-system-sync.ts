import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whether {@link syncFileSystem} works here: Linux with GNU coreutils' `sync --file-system` (asked once per process).
 * Elsewhere (macOS, Windows) the caller fsyncs file by file.
 */
export function canSyncFileSystem(): Promise<boolean> {
  return (available ??=
    process.platform !== 'linux'
      ? Promise.resolve(false)
      : run('sync', ['--help']).then(
          ({ stdout }) => stdout.includes('--file-system'),
          () => false,
        ));
}

let available: Promise<boolean> | null = null;

/**
 * syncfs(2) of the file system that holds `folder`: every dirty file and folder entry of that file system written
 * back in one merged pass. Node has no binding for it, so it runs GNU coreutils' `sync -f` (Linux). An import
 * flushes each batch this way instead of fsyncing every file: on ext4 each fsync of a new file is a synchronous write
 * of its data and inode, and 40,000 of them cost a 20,000-object import about 4 s (see bench/README.md).
 *
 * Only where {@link canSyncFileSystem}; rejects (code EIO) when the sync fails.
 */
export async function syncFileSystem(folder: string): Promise<void> {
  try {
    await run('sync', ['--file-system', folder]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw Object.assign(new Error(`${folder}: flushing the file system failed${stderr ? ` (${stderr})` : ''}`), {
      code: 'EIO',
    });
  }
}

/** The deepest folder that holds every one of `files`. */
export function commonFolder(files: readonly string[]): string {
  let common = path.dirname(files[0]);
  for (const file of files) {
    while (!(file.startsWith(common + path.sep) || file === common)) {
      const up = path.dirname(common);
      if (up === common) return common;
      common = up;
    }
  }
  return common;
}
