import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOriginal, readPackage } from '../read-package';

const samples = path.resolve('resources/samples/dev');
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-keep-original-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('keepOriginal: false', () => {
  it.each(['folder', 'zip'])('gives the same model without originals, and readOriginal brings each one back (%s)', async (container) => {
    let where = samples;
    if (container === 'zip') {
      where = path.join(dir, 'dev.zip');
      execFileSync('zip', ['-qr', where, '.'], { cwd: samples });
    }
    const full = await readPackage(where);
    const lean = await readPackage(where, { keepOriginal: false });
    expect(lean.assets.every((asset) => asset.original === null)).toBe(true);
    expect(lean.assets.map((asset) => ({ ...asset, original: null }))).toEqual(full.assets.map((asset) => ({ ...asset, original: null })));
    expect({ ...lean, assets: [] }).toEqual({ ...full, assets: [] });
    for (const asset of full.assets) expect([asset.id, await readOriginal(lean, asset.id)]).toEqual([asset.id, asset.original]);
  });
});
