import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { fixture } from '../../test-support/fixtures';
import { openFolderSource } from './folder-source';

let dir: string;
let outside: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-folder-source-'));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-outside-'));
  await fs.writeFile(path.join(outside, 'secret.txt'), 'do not read');
  await fs.mkdir(path.join(dir, 'pkg', 'a', 'b'), { recursive: true });
  await fs.writeFile(path.join(dir, 'pkg', 'a', 'b', 'x.sql'), 'select 1');
  await fs.writeFile(path.join(dir, 'pkg', 'top.txt'), '\ufeffwith bom');
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'pkg', 'leak.txt'));
  await fs.symlink(outside, path.join(dir, 'pkg', 'leakdir'));
  await fs.symlink(path.join(dir, 'pkg', 'a', 'b', 'x.sql'), path.join(dir, 'pkg', 'inside.sql'));
  await fs.symlink(path.join(dir, 'pkg'), path.join(dir, 'pkg', 'a', 'loop'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

describe('openFolderSource', () => {
  it('lists the real SPEC fixture as relative POSIX paths', async () => {
    const source = await openFolderSource(fixture('spec-package', 'test'));
    expect(source.list()).toEqual([
      'DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.schedule.json',
      'DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.sql',
      'SPEC.FORMAT',
    ]);
    expect(source.info('SPEC.FORMAT')).toEqual({ size: 0, crc32: null });
    expect(await source.readText('DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.sql')).toBe('');
  });

  it('follows links inside the folder, refuses links that lead outside, and survives link loops', async () => {
    const source = await openFolderSource(path.join(dir, 'pkg'));
    expect(source.list()).toEqual(['a/b/x.sql', 'inside.sql', 'top.txt']);
    expect(source.skipped.map((s) => s.path).sort()).toEqual(['leak.txt', 'leakdir']);
    expect(await source.readText('inside.sql')).toBe('select 1');
    expect(await source.readText('top.txt')).toBe('with bom');
    expect((await rejection(source.readText('leak.txt'))).code).toBe('not-found');
    expect((await rejection(source.readText('../outside/secret.txt'))).code).toBe('bad-request');
    expect((await rejection(source.readBytes('a/../leak.txt'))).code).toBe('bad-request');
  });

  it('refuses a file that was swapped for an escaping link after listing', async () => {
    const source = await openFolderSource(path.join(dir, 'pkg'));
    const victim = path.join(dir, 'pkg', 'top.txt');
    await fs.rm(victim);
    await fs.symlink(path.join(outside, 'secret.txt'), victim);
    const error = await rejection(source.readText('top.txt'));
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toContain('top.txt leads outside the package folder');
    await fs.rm(victim);
    await fs.writeFile(victim, '\ufeffwith bom');
  });

  it('reports a missing folder as not-found and a file as not a folder', async () => {
    expect((await rejection(openFolderSource(path.join(dir, 'nope')))).code).toBe('not-found');
    expect((await rejection(openFolderSource(path.join(dir, 'pkg', 'top.txt')))).code).toBe('not-a-file');
  });
});
