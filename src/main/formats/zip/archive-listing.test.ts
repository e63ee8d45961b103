import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { fixture } from '../../test-support/fixtures';
import { listArchive } from './archive-listing';
import { buildZip } from './hand-built-zip.test-support';

const sample = fixture('azkaban', 'sample_flow_01.zip');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-listing-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FerryError);
  const ferry = error as FerryError;
  expect(ferry.message).not.toContain('\n');
  return ferry;
}

describe('listArchive on the real fixture', () => {
  it('lists the six entries of sample_flow_01.zip with names and sizes from the central directory', async () => {
    const entries = await listArchive(sample);
    expect(entries.map((entry) => [entry.name, entry.isDirectory, entry.size, entry.compressedSize, entry.crc32])).toEqual([
      ['sample_flow_01/', true, 0, 0, 0],
      ['sample_flow_01/sample_script.sh', false, 81, 73, 0x6645a3bd],
      ['sample_flow_01/shell_bash.job', false, 45, 41, 0xa9f43c74],
      ['sample_flow_01/shell_echo.job', false, 52, 45, 0x4839d149],
      ['sample_flow_01/shell_end.job', false, 56, 48, 0x478adf05],
      ['sample_flow_01/shell_pwd.job', false, 25, 21, 0x47149722],
    ]);
    for (const entry of entries) expect(entry.modifiedAt).toMatch(/^2017-03-2\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('reports progress once per entry against the declared total', async () => {
    const calls: [number, number][] = [];
    await listArchive(sample, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6].map((done) => [done, 6]));
  });

  it('rejects with cancelled when the signal is already aborted, and when it aborts mid-listing', async () => {
    expect((await rejection(listArchive(sample, { signal: AbortSignal.abort() }))).code).toBe('cancelled');
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejection(
      listArchive(sample, {
        signal: controller.signal,
        onProgress: (done) => {
          seen.push(done);
          if (done === 2) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe(`${sample}: reading the archive was cancelled`);
    expect(seen).toEqual([1, 2]);
  });
});

describe('listArchive on a large central directory', () => {
  it('lists every entry of a directory larger than one 1 MiB read block, in order', async () => {
    const names = Array.from({ length: 8000 }, (_, i) => `flows/${'long_folder_name_'.repeat(6)}/${String(i).padStart(5, '0')}.json`);
    const file = path.join(dir, 'many.zip');
    await fs.writeFile(file, buildZip(names.map((name, i) => ({ name, data: `{"i":${i}}` }))));
    const entries = await listArchive(file);
    expect(entries.map((entry) => entry.name)).toEqual(names);
    expect(entries[7999].size).toBe('{"i":7999}'.length);
  });
});

describe('listArchive on bad paths and non-zips', () => {
  it('reports a missing path as not-found', async () => {
    const missing = path.join(dir, 'nope.zip');
    const error = await rejection(listArchive(missing));
    expect([error.code, error.message]).toEqual(['not-found', `${missing}: no such file`]);
  });

  it('reports a directory as not-a-file', async () => {
    const error = await rejection(listArchive(dir));
    expect([error.code, error.message]).toEqual(['not-a-file', `${dir}: is a directory, not a package file`]);
  });

  it('reports a text file renamed .zip, and an empty file, as not-a-zip', async () => {
    const text = path.join(dir, 'notes.zip');
    await fs.writeFile(text, 'name: not really a zip\n'.repeat(20));
    const error = await rejection(listArchive(text));
    expect(error.code).toBe('not-a-zip');
    expect(error.message).toMatch(/^.*notes\.zip: not a zip archive/);
    const empty = path.join(dir, 'empty.zip');
    await fs.writeFile(empty, '');
    expect((await rejection(listArchive(empty))).message).toBe(`${empty}: is an empty file, not a zip archive`);
  });

  it('reports every truncated copy of the fixture as corrupt-archive', async () => {
    const bytes = await fs.readFile(sample);
    const cut = path.join(dir, 'trunc.zip');
    // Cuts inside the data, the central directory and the end record.
    for (const length of [10, 100, bytes.length - 200, bytes.length - 40, bytes.length - 10, bytes.length - 1]) {
      await fs.writeFile(cut, bytes.subarray(0, length));
      const error = await rejection(listArchive(cut));
      expect([length, error.code]).toEqual([length, 'corrupt-archive']);
      expect(error.message).toMatch(/trunc\.zip: truncated or corrupt zip \(/);
    }
  });
});
