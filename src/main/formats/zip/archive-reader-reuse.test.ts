import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from './archive-reader';
import { buildZip } from './hand-built-zip.test-support';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-zip-reuse-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Opens, reads every file entry, closes; returns how many directory records were reported as progress calls. */
async function openAndRead(file: string, limits?: { maxEntries: number }): Promise<{ calls: number; texts: string[] }> {
  let calls = 0;
  const archive = await openArchive(file, { onProgress: () => (calls += 1), limits });
  try {
    return { calls, texts: await Promise.all(archive.entries.map((entry) => archive.readText(entry.name))) };
  } finally {
    await archive.close();
  }
}

describe('openArchive reuses the directory of an unchanged file', () => {
  it('parses once for two opens, again after the file is rewritten (even with the same size and mtime)', async () => {
    const file = path.join(dir, 'p.zip');
    const names = ['a.json', 'b.json', 'c.json'];
    await fs.writeFile(file, buildZip(names.map((name) => ({ name, data: `{"v":"${name}"}` }))));
    expect(await openAndRead(file)).toEqual({ calls: 3, texts: names.map((name) => `{"v":"${name}"}`) });
    // Reused: one progress call for the whole directory, same contents.
    expect(await openAndRead(file)).toEqual({ calls: 1, texts: names.map((name) => `{"v":"${name}"}`) });
    // Different limits are a different check: parsed again.
    expect((await openAndRead(file, { maxEntries: 10 })).calls).toBe(3);

    // Same size, same mtime, different bytes: ctime moves, so the directory is read again.
    const { mtime } = await fs.stat(file);
    await fs.writeFile(file, buildZip(names.map((name) => ({ name, data: `{"v":"${name.toUpperCase()}"}` }))));
    await fs.utimes(file, mtime, mtime);
    expect(await openAndRead(file)).toEqual({ calls: 3, texts: names.map((name) => `{"v":"${name.toUpperCase()}"}`) });
  });
});
