import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../test-support/bundle-worker';
import { userCacheDir, type CompileCacheUse } from './compile-cache';

/**
 * The launcher's compile cache, in real Node processes (the cache is written as a process exits): a small CommonJS
 * program run through it must behave exactly as when required, whether its cache is missing, valid or damaged.
 */
let dir: string;
let loader: string;
let program: string;
let cacheDir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-compile-cache-'));
  loader = await bundleWorker(fileURLToPath(new URL('./compile-cache.ts', import.meta.url)), dir);
  program = path.join(dir, 'program.cjs');
  fs.writeFileSync(
    program,
    "const path = require('node:path');\nmodule.exports.ran = true;\nconsole.log(JSON.stringify({ file: path.basename(__filename), dir: __dirname, exportsSeen: exports === module.exports }));\n",
  );
  cacheDir = path.join(dir, 'cache');
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `program` through the cache in a child process: its output and what the cache did. */
function run(): { output: unknown; use: CompileCacheUse } {
  const script = `const use = require(${JSON.stringify(loader)}).runWithCompileCache(${JSON.stringify(program)}, ${JSON.stringify(cacheDir)}); console.log(JSON.stringify(use));`;
  const [output, use] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
    .trim()
    .split('\n');
  return { output: JSON.parse(output) as unknown, use: JSON.parse(use) as CompileCacheUse };
}

describe('compile cache', () => {
  it('runs a program as require would, and reuses its compiled code from the second run on', () => {
    const expected = { file: 'program.cjs', dir, exportsSeen: true };
    const first = run();
    expect(first.output).toEqual(expected);
    expect(first.use).toMatchObject({ found: false, rejected: false });
    expect(path.dirname(first.use.cacheFile)).toBe(path.join(cacheDir, 'code'));
    expect(fs.statSync(first.use.cacheFile).size).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(first.use.cacheFile))).toEqual([path.basename(first.use.cacheFile)]); // no temporary file left

    const second = run();
    expect(second.output).toEqual(expected);
    expect(second.use).toEqual({ ...first.use, found: true, rejected: false });
  });

  it('ignores a damaged cache, then writes a good one again', () => {
    const { use } = run();
    fs.writeFileSync(use.cacheFile, Buffer.alloc(64, 7));
    const damaged = run();
    expect(damaged.output).toMatchObject({ file: 'program.cjs' });
    expect(damaged.use).toMatchObject({ found: true, rejected: true });
    expect(run().use).toMatchObject({ found: true, rejected: false });
  });

  it('keeps the code of a changed program apart: V8 alone would take a same-length text for the old one', () => {
    const before = run().use.cacheFile;
    const text = fs.readFileSync(program, 'utf8');
    fs.writeFileSync(program, text.replace('ran = true', 'ran = 1234'));
    try {
      const after = run();
      expect(after.use.cacheFile).not.toBe(before);
      expect(after.use.found).toBe(false);
    } finally {
      fs.writeFileSync(program, text);
    }
  });

  it('lives in the per-user cache folder', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'Ferry'));
    expect(userCacheDir({}, 'linux')).toBe(path.join(os.homedir(), '.cache', 'Ferry'));
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(
      path.join('C:\\Users\\a\\AppData\\Local', 'Ferry', 'Cache'),
    );
  });
});
