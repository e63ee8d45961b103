import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAtomicWriter, holdersOfNew } from './atomic-file';
import { canSyncFileSystem, commonFolder, syncFileSystem } from './file-system-sync';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('folders flushed for new folders', () => {
  it('names the parent of the first new folder and every new folder above the file, nothing when none is new', () => {
    const ws = path.join(path.sep, 'ws');
    const leaf = path.join(ws, 'a', 'b', 'c');
    expect(holdersOfNew(leaf, path.join(ws, 'a'))).toEqual([path.join(ws, 'a', 'b'), path.join(ws, 'a'), ws]);
    expect(holdersOfNew(leaf, leaf)).toEqual([path.join(ws, 'a', 'b')]);
    expect(holdersOfNew(leaf, undefined)).toEqual([]);
  });

  it('writes a batch into new nested folders and leaves no temporary file', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-atomic-'));
    dirs.push(root);
    const writer = createAtomicWriter();
    const files = ['wf/n1/n1.sql', 'wf/n2/n2.sql', 'other/deep/x/y.json'].map((f) => path.join(root, f));
    expect(await writer.writeMany!(files.map((file) => ({ file, data: Buffer.from(path.basename(file)) })))).toEqual([null, null, null]);
    for (const file of files) expect(fs.readFileSync(file, 'utf8')).toBe(path.basename(file));
    expect(fs.readdirSync(path.join(root, 'wf', 'n1'))).toEqual(['n1.sql']);
  });
});

describe('the folder a batch is flushed from', () => {
  it('is the deepest folder holding every file of the batch', () => {
    const ws = path.join(path.sep, 'ws');
    const at = (...parts: string[]) => path.join(ws, ...parts);
    expect(commonFolder([at('wf', 'n1', 'n1.sql'), at('wf', 'n1', 'n1.json')])).toBe(at('wf', 'n1'));
    expect(commonFolder([at('wf', 'n1', 'n1.sql'), at('wf', 'n10', 'n10.sql')])).toBe(at('wf'));
    expect(commonFolder([at('a', 'x.json'), at('b', 'c', 'y.json')])).toBe(ws);
  });
});

describe('syncing a whole file system (Linux)', () => {
  it('syncs the file system of a folder, and names a folder it cannot sync', async () => {
    if (!(await canSyncFileSystem())) {
      expect(process.platform).not.toBe('linux'); // elsewhere the writer fsyncs file by file
      return;
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-syncfs-'));
    dirs.push(root);
    await expect(Promise.all([syncFileSystem(root), syncFileSystem(root)])).resolves.toEqual([undefined, undefined]);
    const missing = path.join(root, 'gone');
    const error = (await syncFileSystem(missing).catch((caught: unknown) => caught)) as NodeJS.ErrnoException;
    expect([error.code, error.message.split(' (')[0]]).toEqual(['EIO', `${missing}: flushing the file system failed`]);
    await expect(syncFileSystem(root)).resolves.toBeUndefined();
  });
});
