import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from './archive-reader';
import { writeArchive, type ArchiveWriteEntry } from './archive-writer';
import { textOf } from './yazl-zip.test-support';
import { dosDateTime } from './zip-stream-writer';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-stream-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const unzipTest = (file: string): string => execFileSync('unzip', ['-tq', file]).toString('utf8');

describe('ZipStreamWriter through writeArchive', () => {
  it('writes stored and deflated entries, empty files and folders that unzip -t and openArchive accept', async () => {
    const file = path.join(dir, 'mixed.zip');
    const random = randomBytes(5000);
    const entries: ArchiveWriteEntry[] = [
      { name: 'empty.txt', data: '' },
      { name: 'random.bin', data: random },
      { name: 'text/', data: '' },
      { name: 'text/数据.sql', data: 'select 1;\n'.repeat(100) },
      { name: 'text/stream.txt', data: Readable.from([Buffer.from('a'.repeat(1000)), 'b'.repeat(1000)]) },
    ];
    const result = await writeArchive(file, entries);
    expect(result.sha256).toBe(
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex'),
    );
    expect(unzipTest(file)).toMatch(/No errors detected/);
    const archive = await openArchive(file);
    try {
      expect(archive.entries.map((e) => [e.name, e.isDirectory, e.size])).toEqual([
        ['empty.txt', false, 0],
        ['random.bin', false, 5000],
        ['text/', true, 0],
        ['text/数据.sql', false, 1000],
        ['text/stream.txt', false, 2000],
      ]);
      expect((await archive.readEntry('random.bin')).equals(random)).toBe(true);
      expect(await archive.readText('text/stream.txt')).toBe('a'.repeat(1000) + 'b'.repeat(1000));
    } finally {
      await archive.close();
    }
    // Incompressible data is stored (method 0), text is deflated (method 8); names carry the UTF-8 flag.
    const listing = execFileSync('unzip', ['-Zv', file]).toString('utf8');
    expect(listing).toMatch(/random\.bin[\s\S]*?compression method:\s+none \(stored\)/);
    expect(listing).toMatch(/数据\.sql[\s\S]*?compression method:\s+deflated/);
  });

  it('switches to zip64 end records for 70,000 entries', async () => {
    const file = path.join(dir, 'many.zip');
    function* many(): Generator<ArchiveWriteEntry> {
      for (let i = 0; i < 70_000; i += 1) yield { name: `d${i % 100}/e${i}.txt`, data: `entry ${i}` };
    }
    const started = performance.now();
    const result = await writeArchive(file, many());
    const seconds = (performance.now() - started) / 1000;
    expect(result.entries).toBe(70_000);
    expect(seconds).toBeLessThan(20);
    const bytes = await fs.readFile(file);
    // zip64 end of central directory record and locator are present, and the classic record says 0xFFFF.
    expect(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0);
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(0xffff);
    expect(unzipTest(file)).toMatch(/No errors detected in compressed data/);
    const archive = await openArchive(file);
    try {
      expect(archive.entries).toHaveLength(70_000);
      expect(await archive.readText('d99/e69999.txt')).toBe('entry 69999');
      expect(await archive.readText('d0/e0.txt')).toBe('entry 0');
    } finally {
      await archive.close();
    }
  }, 60_000);

  it('writes a large streamed entry (data descriptor) and a large buffer entry', async () => {
    const file = path.join(dir, 'large.zip');
    const chunk = randomBytes(1 << 20);
    const hash = createHash('sha256');
    function* stream(): Generator<Buffer> {
      for (let i = 0; i < 48; i += 1) {
        const part = Buffer.from(chunk);
        part.writeUInt32LE(i, 0);
        hash.update(part);
        yield part;
      }
    }
    const text = textOf(12_000_000);
    await writeArchive(file, [
      { name: 'big-stream.bin', data: Readable.from(stream()) },
      { name: 'big-buffer.txt', data: text },
    ]);
    expect(unzipTest(file)).toMatch(/No errors detected/);
    const archive = await openArchive(file);
    try {
      expect(
        createHash('sha256')
          .update(await archive.readEntry('big-stream.bin'))
          .digest('hex'),
      ).toBe(hash.digest('hex'));
      expect((await archive.readEntry('big-buffer.txt')).equals(text)).toBe(true);
    } finally {
      await archive.close();
    }
  }, 60_000);

});

describe('dosDateTime', () => {
  it('encodes local date fields and clamps years before 1980', () => {
    expect(dosDateTime(new Date(2000, 0, 1, 0, 0, 0))).toEqual({ date: (20 << 9) | (1 << 5) | 1, time: 0 });
    expect(dosDateTime(new Date(2024, 11, 31, 23, 59, 58))).toEqual({
      date: (44 << 9) | (12 << 5) | 31,
      time: (23 << 11) | (59 << 5) | 29,
    });
    expect(dosDateTime(new Date(1970, 0, 1)).date >> 9).toBe(0);
  });
});
