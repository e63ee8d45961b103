import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from './archive-reader';
import { writeArchive, type ArchiveWriteEntry } from './archive-writer';
import { textOf } from './yazl-zip.test-support';
import { failureOf } from '../../test-support/failure';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-writer-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function outFile(): string {
  counter += 1;
  return path.join(dir, `out-${counter}.zip`);
}

const sampleEntries = (): ArchiveWriteEntry[] => [
  { name: 'flow/', data: '' },
  { name: 'flow/a.json', data: '{"a":1}' },
  { name: 'flow/b.bin', data: Buffer.from([0, 1, 2, 255]) },
  { name: 'flow/c.csv', data: Readable.from([textOf(200_000)]) },
  { name: 'flow/数据.sql', data: 'select 1;' },
];

async function leftovers(file: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((name) => name.startsWith(path.basename(file)));
}

describe('writeArchive', () => {
  it('writes buffers, strings, streams and folders that read back exactly and pass unzip -t', async () => {
    const file = outFile();
    const progress: number[] = [];
    const result = await writeArchive(file, sampleEntries(), { onProgress: (entries) => progress.push(entries) });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(result.entries).toBe(5);
    expect(result.bytes).toBe((await fs.stat(file)).size);
    expect(await leftovers(file)).toEqual([path.basename(file)]);
    execFileSync('unzip', ['-tq', file]);
    const archive = await openArchive(file);
    try {
      expect(archive.entries.map((e) => [e.name, e.isDirectory])).toEqual(sampleEntries().map((e) => [e.name, e.name.endsWith('/')]));
      expect(await archive.readText('flow/a.json')).toBe('{"a":1}');
      expect((await archive.readEntry('flow/b.bin')).equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
      expect((await archive.readEntry('flow/c.csv')).equals(textOf(200_000))).toBe(true);
      expect(await archive.readText('flow/数据.sql')).toBe('select 1;');
    } finally {
      await archive.close();
    }
  });

  it('produces identical bytes for identical input, whatever the time zone', async () => {
    const first = outFile();
    const second = outFile();
    const savedTz = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      await writeArchive(first, sampleEntries());
      process.env.TZ = 'America/Los_Angeles';
      await writeArchive(second, sampleEntries());
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
    expect((await fs.readFile(first)).equals(await fs.readFile(second))).toBe(true);
  });

  it('replaces an existing file only when the new archive is complete', async () => {
    const file = outFile();
    await fs.writeFile(file, 'old');
    await writeArchive(file, [{ name: 'new.txt', data: 'new' }]);
    const archive = await openArchive(file);
    expect(await archive.readText('new.txt')).toBe('new');
    await archive.close();
  });

  it.each([
    ['../evil.sh', 'escapes the package folder (path traversal)'],
    ['/etc/cron.d/x', 'is an absolute path (it must be relative to the package folder)'],
    ['a\\b.txt', 'uses backslashes in its name (zip names must use "/"; possible path traversal on Windows)'],
  ])('refuses the unsafe name %s and leaves no file behind', async (name, problem) => {
    const file = outFile();
    await fs.writeFile(file, 'previous version');
    const error = await failureOf(writeArchive(file, [{ name: 'ok.txt', data: 'x' }, { name, data: 'y' }]));
    expect([error.code, error.message]).toEqual(['unsafe-archive', `${file}: entry "${name}" ${problem}`]);
    expect(await fs.readFile(file, 'utf8')).toBe('previous version');
    expect(await leftovers(file)).toEqual([path.basename(file)]);
  });

  it('refuses duplicate names', async () => {
    const file = outFile();
    const error = await failureOf(writeArchive(file, [{ name: 'a.txt', data: '1' }, { name: 'a.txt', data: '2' }]));
    expect(error.message).toBe(`${file}: entry "a.txt" appears more than once (duplicate entry names are ambiguous)`);
    expect(await leftovers(file)).toEqual([]);
  });

  it('cancels when the signal aborts mid-write and removes the partial file', async () => {
    const file = outFile();
    const controller = new AbortController();
    async function* entries(): AsyncGenerator<ArchiveWriteEntry> {
      for (let i = 0; ; i += 1) {
        if (i === 3) controller.abort();
        yield { name: `e${i}.txt`, data: textOf(50_000) };
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const error = await failureOf(writeArchive(file, entries(), { signal: controller.signal }));
    expect([error.code, error.message]).toEqual(['cancelled', `${file}: writing the archive was cancelled`]);
    expect(await leftovers(file)).toEqual([]);
  });

  it('reports a failing source stream as io naming the entry, and a missing folder as io', async () => {
    const file = outFile();
    const broken = new Readable({
      read() {
        this.destroy(new Error('disk read failed'));
      },
    });
    const error = await failureOf(writeArchive(file, [{ name: 'ok.txt', data: 'x' }, { name: 'broken.bin', data: broken }]));
    expect([error.code, error.message]).toEqual(['io', `${file}: entry "broken.bin" could not read the data (disk read failed)`]);
    expect(await leftovers(file)).toEqual([]);

    const nowhere = path.join(dir, 'missing-folder', 'x.zip');
    const missing = await failureOf(writeArchive(nowhere, [{ name: 'a.txt', data: 'a' }]));
    expect([missing.code, missing.message]).toEqual(['io', `${nowhere}: cannot write the archive (the folder does not exist)`]);
  });
});
