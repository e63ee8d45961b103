import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../test-support/bundle-worker';
import { isImporterTempFile } from './atomic-file';
import { openImportWriter } from './threaded-writer';

/** The importer's writer on its own thread, bundled here as scripts/build.mjs bundles it. */
let dir: string;
let workerScript: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-threaded-writer-'));
  workerScript = await bundleWorker(fileURLToPath(new URL('./writer-worker.ts', import.meta.url)), dir);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const filesUnder = (root: string): string[] =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();

describe('the import writer on its own thread', () => {
  it('writes a batch into new folders, each file whole, no temporary file left; a file it cannot write gets its errno', async () => {
    const root = fs.mkdtempSync(path.join(dir, 'dest-'));
    fs.writeFileSync(path.join(root, 'blocked'), 'a file where a folder is needed');
    const writer = await openImportWriter(workerScript);
    try {
      const items = [
        { file: path.join(root, 'wf', 'n1', 'n1.json'), data: Buffer.from('{"n":1}') },
        { file: path.join(root, 'wf', 'n1', 'n1.sql'), data: Buffer.alloc(70_000, 's') },
        { file: path.join(root, 'blocked', 'x.sql'), data: Buffer.from('x') },
        { file: path.join(root, 'wf', 'n2', 'n2.json'), data: Buffer.from('') },
      ];
      const results = await writer.writeMany!(items);
      expect(results.map((r) => r === null)).toEqual([true, true, false, true]);
      // mkdir -p through a file: EEXIST from Node's recursive mkdir (ENOTDIR from some systems' calls)
      expect(['EEXIST', 'ENOTDIR']).toContain((results[2] as NodeJS.ErrnoException).code);
      expect(results[2]!.message).toContain(path.join(root, 'blocked'));
      await writer.write(path.join(root, 'wf', 'n1', 'n1.json'), Buffer.from('{"n":"again"}'));
      expect(fs.readFileSync(path.join(root, 'wf', 'n1', 'n1.json'), 'utf8')).toBe('{"n":"again"}');
      expect(fs.readFileSync(path.join(root, 'wf', 'n1', 'n1.sql')).equals(items[1].data)).toBe(true);
      expect(filesUnder(root)).toEqual(['blocked', path.join('wf', 'n1', 'n1.json'), path.join('wf', 'n1', 'n1.sql'), path.join('wf', 'n2', 'n2.json')]);
      expect(filesUnder(root).filter((f) => isImporterTempFile(path.basename(f)))).toEqual([]);
    } finally {
      await writer.close();
    }
  });

  it('writes on the calling thread when its thread cannot start', async () => {
    const broken = path.join(dir, 'broken-writer.cjs');
    fs.writeFileSync(broken, "require('./no-such-module');");
    const root = fs.mkdtempSync(path.join(dir, 'dest-'));
    const writer = await openImportWriter(broken);
    try {
      expect(await writer.writeMany!([{ file: path.join(root, 'a', 'b.json'), data: Buffer.from('b') }])).toEqual([null]);
      expect(fs.readFileSync(path.join(root, 'a', 'b.json'), 'utf8')).toBe('b');
    } finally {
      await writer.close();
    }
  });

});
