import { promises as fs, type Dirent } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { writeArchive, type ArchiveWriteEntry } from '../formats/zip/archive-writer';
import { writeFiles, type FileWriter } from './atomic-file';

/**
 * The rollback package of an import task: the previous bytes of every destination file the task overwrote, and the
 * list of files it created, so a user can put the destination back by hand (Ferry itself never deletes).
 *
 * Crash safety: before a destination file is overwritten, its previous bytes are written (atomically) to
 * `<folder>/before/<path>`; the files about to be created are listed, one JSON array per batch, in
 * `<folder>/created-lists/` (older runs wrote an empty marker `<folder>/created/<path>` per file: both are read). Only the FIRST
 * version is kept: a resumed run that finds our own half-done write in the destination must not replace the true
 * previous version with it. At the end of each run the folder is zipped (atomically, via `.partial`) into
 * `<folder>.zip` with a `rollback-manifest.json`; the folder is removed once the task is completed.
 */
export class RollbackStore {
  constructor(
    /** `<user data>/rollback/<task>`; the zip is this path plus `.zip`. */
    readonly folder: string,
    private readonly writer: FileWriter,
  ) {}

  get zipPath(): string {
    return `${this.folder}.zip`;
  }

  private target(area: 'before' | 'created', relative: string): string {
    return path.join(this.folder, area, ...relative.split('/'));
  }

  /**
   * The relative paths saved so far (either area): listed from the folder once, then kept up to date, instead of two
   * lstat calls per file (the folder is this task's own; a resumed run lists what earlier runs saved).
   */
  private saved: Promise<Set<string>> | null = null;

  private savedPaths(): Promise<Set<string>> {
    this.saved ??= Promise.all([listFiles(path.join(this.folder, 'before')), this.createdPaths()]).then(
      ([before, created]) => new Set([...before, ...created]),
    );
    return this.saved;
  }

  /** The files recorded as created: the batch lists, and the per-file markers of older runs; sorted, unique. */
  private async createdPaths(): Promise<string[]> {
    const listsDir = path.join(this.folder, 'created-lists');
    const lists = await listFiles(listsDir);
    const listed = await Promise.all(
      lists.map(async (name) => JSON.parse(await fs.readFile(path.join(listsDir, name), 'utf8')) as string[]),
    );
    const markers = await listFiles(path.join(this.folder, 'created'));
    return [...new Set([...listed.flat(), ...markers])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Records the destination file's state before it is written: its bytes, or that it did not exist. */
  async save(relative: string, previous: Buffer | null): Promise<void> {
    await this.saveMany([{ relative, previous }]);
  }

  /**
   * {@link save} for many files at once, with one batched flush (see `FileWriter.writeMany`). Resolves when every
   * previous version is safely saved; throws the first error otherwise (nothing of theirs may then be written).
   */
  async saveMany(entries: readonly { relative: string; previous: Buffer | null }[]): Promise<void> {
    const saved = await this.savedPaths();
    const seen = new Set<string>();
    const items: { file: string; data: Buffer }[] = [];
    const covers: string[][] = [];
    const created: string[] = [];
    for (const e of entries) {
      if (saved.has(e.relative) || seen.has(e.relative)) continue; // first version wins
      seen.add(e.relative);
      if (e.previous === null) created.push(e.relative);
      else {
        items.push({ file: this.target('before', e.relative), data: e.previous });
        covers.push([e.relative]);
      }
    }
    if (created.length > 0) {
      const name = `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
      items.push({
        file: path.join(this.folder, 'created-lists', name),
        data: Buffer.from(JSON.stringify(created)),
      });
      covers.push(created);
    }
    const results = await writeFiles(this.writer, items, () => true);
    results.forEach((r, i) => {
      if (r === null) for (const relative of covers[i]) saved.add(relative);
    });
    const failed = results.findIndex((r) => r !== null);
    if (failed >= 0)
      throw (
        results[failed] ?? new Error(`rollback: the previous version of ${items[failed].file} was not saved`)
      );
  }

  /** Zips what was saved so far into {@link zipPath}; returns null when nothing was saved. */
  async writeZip(info: Record<string, unknown>): Promise<string | null> {
    const before = await listFiles(path.join(this.folder, 'before'));
    const created = await this.createdPaths();
    if (before.length === 0 && created.length === 0) return null;
    const folder = this.folder;
    async function* entries(): AsyncGenerator<ArchiveWriteEntry> {
      yield {
        name: 'rollback-manifest.json',
        data: `${JSON.stringify({ ...info, restore: before, remove: created }, null, 2)}\n`,
      };
      for (const rel of before)
        yield {
          name: `before/${rel}`,
          data: await fs.readFile(path.join(folder, 'before', ...rel.split('/'))),
        };
    }
    await writeArchive(this.zipPath, entries());
    return this.zipPath;
  }

  /** Removes the working folder (the zip stays). */
  async discardFolder(): Promise<void> {
    await fs.rm(this.folder, { recursive: true, force: true });
  }
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(path.join(root, ...prefix.split('/').filter(Boolean)), {
      withFileTypes: true,
    });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (entry.isFile() && !entry.name.includes('.ferry-tmp-')) out.push(rel);
  }
  return out;
}
