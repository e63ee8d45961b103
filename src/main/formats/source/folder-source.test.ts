import { execFileSync } from 'node:child_process';
import fsSync, { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
    expect(await source.readText('DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.sql')).toBe(
      '',
    );
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

describe('openFolderSource when the folder changes after listing', () => {
  let pkg: string;

  beforeEach(async () => {
    pkg = await fs.mkdtemp(path.join(dir, 'changing-'));
    await fs.mkdir(path.join(pkg, 'z', 'real'), { recursive: true });
    await fs.writeFile(path.join(pkg, 'z', 'real', 'secret.txt'), 'inside');
    await fs.writeFile(path.join(pkg, 'z', 'real', 'other.txt'), 'other');
    // `a` is listed before `z`, so z/real is listed (once) through the link.
    await fs.mkdir(path.join(pkg, 'a'));
    await fs.symlink(path.join(pkg, 'z', 'real'), path.join(pkg, 'a', 'via'));
    await fs.mkdir(path.join(pkg, 'plain'));
    await fs.writeFile(path.join(pkg, 'plain', 'secret.txt'), 'plain');
  });

  it('lists and reads a folder reached through a link inside', async () => {
    const source = await openFolderSource(pkg);
    expect(source.list()).toEqual(['a/via/other.txt', 'a/via/secret.txt', 'plain/secret.txt']);
    expect(await source.readText('a/via/secret.txt')).toBe('inside');
    expect(source.info('a/via/secret.txt')).toEqual({ size: 6, crc32: null });
  });

  it('refuses a file whose folder was swapped for a link leading outside', async () => {
    const source = await openFolderSource(pkg);
    await fs.rename(path.join(pkg, 'plain'), path.join(pkg, 'plain.old'));
    await fs.symlink(outside, path.join(pkg, 'plain'));
    const error = await rejection(source.readText('plain/secret.txt'));
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toContain('plain/secret.txt leads outside the package folder');
  });

  it('refuses a file in a linked folder when the folder it leads to is swapped for a link outside', async () => {
    const source = await openFolderSource(pkg);
    await fs.rename(path.join(pkg, 'z', 'real'), path.join(pkg, 'z', 'real.old'));
    await fs.symlink(outside, path.join(pkg, 'z', 'real'));
    const error = await rejection(source.readBytes('a/via/secret.txt'));
    expect(error.code).toBe('unsafe-archive');
    expect(error.message).toContain('a/via/secret.txt leads outside the package folder');
  });

  it('reports a deleted file as disappeared, naming it', async () => {
    const source = await openFolderSource(pkg);
    await fs.rm(path.join(pkg, 'plain', 'secret.txt'));
    const error = await rejection(source.readText('plain/secret.txt'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`${pkg}: plain/secret.txt has disappeared`);
    await fs.rm(path.join(pkg, 'plain'), { recursive: true });
    expect((await rejection(source.readText('plain/secret.txt'))).message).toContain('has disappeared');
  });

  it('reads a file replaced by another file inside the folder (an editor saving)', async () => {
    const source = await openFolderSource(pkg);
    await fs.writeFile(path.join(pkg, 'plain', 'new.txt'), 'saved again');
    await fs.rename(path.join(pkg, 'plain', 'new.txt'), path.join(pkg, 'plain', 'secret.txt'));
    expect(await source.readText('plain/secret.txt')).toBe('saved again');
    // Swapped for a link to another file inside: still inside, so read.
    await fs.rm(path.join(pkg, 'plain', 'secret.txt'));
    await fs.symlink(path.join(pkg, 'z', 'real', 'other.txt'), path.join(pkg, 'plain', 'secret.txt'));
    expect(await source.readText('plain/secret.txt')).toBe('other');
  });

  it.skipIf(process.platform === 'win32')(
    'leaves fifos out and refuses, without blocking, a file swapped for one',
    async () => {
      execFileSync('mkfifo', [path.join(pkg, 'plain', 'pipe')]);
      const source = await openFolderSource(pkg);
      expect(source.list()).not.toContain('plain/pipe');
      await fs.rm(path.join(pkg, 'plain', 'secret.txt'));
      execFileSync('mkfifo', [path.join(pkg, 'plain', 'secret.txt')]);
      const error = await rejection(source.readText('plain/secret.txt'));
      expect(error.code).toBe('not-found');
      expect(error.message).toContain('plain/secret.txt is no longer a file');
    },
  );

  it('refuses a file swapped for a folder', async () => {
    const source = await openFolderSource(pkg);
    await fs.rm(path.join(pkg, 'plain', 'secret.txt'));
    await fs.mkdir(path.join(pkg, 'plain', 'secret.txt'));
    const error = await rejection(source.readBytes('plain/secret.txt'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('plain/secret.txt is no longer a file');
  });

  it('ends link loops: links leading to each other or to a folder above', async () => {
    await fs.symlink(path.join(pkg, 'loop-b'), path.join(pkg, 'loop-a'));
    await fs.symlink(path.join(pkg, 'loop-a'), path.join(pkg, 'loop-b'));
    await fs.symlink(pkg, path.join(pkg, 'z', 'real', 'up'));
    await fs.symlink(path.join(pkg, 'z'), path.join(pkg, 'plain', 'again'));
    const source = await openFolderSource(pkg);
    expect(source.list()).toEqual(['a/via/other.txt', 'a/via/secret.txt', 'plain/secret.txt']);
    expect(source.skipped).toEqual([
      { path: 'loop-a', reason: 'broken symbolic link' },
      { path: 'loop-b', reason: 'broken symbolic link' },
    ]);
  });

  it('refuses a listing during which a folder was swapped for a link leading outside', async () => {
    const readdirSync = fsSync.readdirSync.bind(fsSync);
    const spy = vi.spyOn(fsSync, 'readdirSync').mockImplementation(((folder: string, options: never) => {
      const dirents = readdirSync(folder, options);
      if (folder === pkg) {
        // The top folder has been read (`plain` is a folder in it); `plain` becomes a link before it is read.
        fsSync.renameSync(path.join(pkg, 'plain'), path.join(pkg, 'plain.old'));
        fsSync.symlinkSync(outside, path.join(pkg, 'plain'));
      }
      return dirents;
    }) as typeof fsSync.readdirSync);
    try {
      const error = await rejection(openFolderSource(pkg));
      expect(error.code).toBe('unsafe-archive');
      expect(error.message).toBe(
        `${pkg}: plain was replaced while the folder was being listed; open it again`,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves out a file removed while the folder was being listed', async () => {
    const readdirSync = fsSync.readdirSync.bind(fsSync);
    const spy = vi.spyOn(fsSync, 'readdirSync').mockImplementation(((folder: string, options: never) => {
      const dirents = readdirSync(folder, options);
      if (folder === path.join(pkg, 'plain')) fsSync.rmSync(path.join(pkg, 'plain', 'secret.txt'));
      return dirents;
    }) as typeof fsSync.readdirSync);
    try {
      expect((await openFolderSource(pkg)).list()).toEqual(['a/via/other.txt', 'a/via/secret.txt']);
    } finally {
      spy.mockRestore();
    }
  });

  it('stops listing when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(openFolderSource(pkg, { signal: controller.signal }))).code).toBe('cancelled');
  });
});

describe('openFolderSource on many files', () => {
  it('reads them all, a large file too, and lets the event loop turn while reading', async () => {
    const pkg = await fs.mkdtemp(path.join(dir, 'many-'));
    const names: string[] = [];
    for (let d = 0; d < 20; d += 1) {
      await fs.mkdir(path.join(pkg, `d${d}`));
      await Promise.all(
        Array.from({ length: 100 }, (_, f) => {
          names.push(`d${d}/f${f}.json`);
          return fs.writeFile(path.join(pkg, `d${d}`, `f${f}.json`), `{"d":${d},"f":${f}}`);
        }),
      );
    }
    const large = Buffer.alloc(3 << 20, 7);
    await fs.writeFile(path.join(pkg, 'large.bin'), large);
    const source = await openFolderSource(pkg);
    expect(source.list()).toEqual([...names, 'large.bin'].sort());
    let turned = false;
    setImmediate(() => (turned = true));
    // Every read started at once (no caller-side limit): the source still yields between slices.
    const texts = await Promise.all(names.map((name) => source.readText(name)));
    expect(turned).toBe(true);
    expect(texts[names.indexOf('d3/f7.json')]).toBe('{"d":3,"f":7}');
    expect((await source.readBytes('large.bin')).equals(large)).toBe(true);
  });
});
