import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

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
}

/** The real writer: temp file in the same folder, optional fsync, rename, optional folder fsync. */
export function createAtomicWriter(options: AtomicWriterOptions = {}): FileWriter {
  const durable = options.durable ?? true;
  return {
    async write(file, data) {
      const dir = path.dirname(file);
      await fs.mkdir(dir, { recursive: true });
      const temp = path.join(
        dir,
        `.${path.basename(file)}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`,
      );
      try {
        const handle = await fs.open(temp, 'wx');
        try {
          await handle.writeFile(data);
          if (durable) await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, file);
      } catch (error) {
        await fs.rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      if (durable) await syncFolder(dir);
    },
  };
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
