import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
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
 * back in one merged pass. Node has no binding for it, so GNU coreutils' `sync --file-system` runs it (Linux). An
 * import flushes each batch this way instead of fsyncing every file: on ext4 each fsync of a new file is a
 * synchronous write of its data and inode, and 40,000 of them cost a 20,000-object import about 4 s (bench/README.md).
 *
 * The syncs run from one small shell started on first use and kept (idle, not holding the process open): starting a
 * process from an importer with a large heap costs its thread milliseconds per start, two per batch.
 *
 * Only where {@link canSyncFileSystem}; rejects (code EIO) when the sync fails.
 */
export function syncFileSystem(folder: string): Promise<void> {
  if (folder.includes('\n')) return runOnce(folder); // the shell reads one folder per line
  return (syncer ??= startSyncer()).sync(folder);
}

const syncFailed = (folder: string, detail?: string): Error =>
  Object.assign(new Error(`${folder}: flushing the file system failed${detail ? ` (${detail})` : ''}`), { code: 'EIO' });

async function runOnce(folder: string): Promise<void> {
  try {
    await run('sync', ['--file-system', '--', folder]);
  } catch (error) {
    throw syncFailed(folder, (error as { stderr?: string }).stderr?.trim());
  }
}

let syncer: { sync(folder: string): Promise<void> } | null = null;

function startSyncer(): { sync(folder: string): Promise<void> } {
  const shell = spawn(
    'sh',
    ['-c', 'while IFS= read -r d; do if sync --file-system -- "$d"; then echo 0; else echo 1; fi; done'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const waiting: { folder: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  let stderr = '';
  const handles = [shell, shell.stdin, shell.stdout, shell.stderr] as unknown as { ref(): void; unref(): void }[];
  const hold = (busy: boolean) => handles.forEach((h) => (busy ? h.ref() : h.unref()));
  hold(false);
  shell.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-500)));
  createInterface({ input: shell.stdout }).on('line', (line) => {
    const request = waiting.shift();
    if (waiting.length === 0) hold(false);
    if (!request) return;
    if (line === '0') request.resolve();
    else request.reject(syncFailed(request.folder, stderr.trim().split('\n').pop()));
    stderr = '';
  });
  const gone = (error: Error) => {
    syncer = null;
    for (const request of waiting.splice(0)) request.reject(syncFailed(request.folder, error.message));
  };
  shell.on('error', gone);
  shell.stdin.on('error', gone); // EPIPE when the shell is gone: 'exit' rejects what waits
  shell.on('exit', (code) => gone(new Error(`the sync shell exited (${code})`)));
  return {
    sync: (folder) =>
      new Promise((resolve, reject) => {
        waiting.push({ folder, resolve, reject });
        hold(true);
        shell.stdin.write(`${folder}\n`);
      }),
  };
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
