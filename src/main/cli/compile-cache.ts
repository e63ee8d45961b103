import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Module, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loading a bundle with V8's code cache, as Node 22's `module.enableCompileCache()` does (Node 20 has no such thing).
 * Compiling the CLI bundle and its packages was ~85 ms of every command's start, on one core, before any work could
 * start on the other; with the cache it is a few ms.
 *
 * The cache lives in the per-user cache folder, never in a shared temporary folder: bytecode read from there would
 * run. Its file name carries a hash of the bundle's text, Node's version, the CPU architecture and the V8 options,
 * because V8 itself only checks the text's length. A cache V8 rejects, or a missing one, is written when the process
 * exits (temporary file, then rename, so a reader never sees half of one); a cache that cannot be written is skipped.
 */

/** The per-user folder for caches: `XDG_CACHE_HOME`, `~/Library/Caches` or `%LOCALAPPDATA%`, then `Ferry`. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Ferry', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Ferry');
  return path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'Ferry');
}

/** Where the compiled code of `source` (the text of `file`) is cached in `cacheDir`. */
export function compileCacheFile(cacheDir: string, file: string, source: string): string {
  const key = createHash('sha256')
    .update(`${process.version}\u0000${process.arch}\u0000${process.execArgv.join(' ')}\u0000`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return path.join(cacheDir, 'code', `${path.basename(file)}-${key}.bin`);
}

function writeCache(cacheFile: string, script: vm.Script): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** How a bundle was loaded, for tests: whether a cache was found and whether V8 took it. */
export interface CompileCacheUse {
  cacheFile: string;
  found: boolean;
  rejected: boolean;
}

/**
 * Runs the CommonJS bundle `file` as `require` would (its own `require`, `module`, `__filename`, `__dirname`),
 * compiled with the code cached in `cacheDir`.
 */
export function runWithCompileCache(file: string, cacheDir: string): CompileCacheUse {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = compileCacheFile(cacheDir, file, source);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const rejected = cachedData !== undefined && script.cachedDataRejected === true;
  // At exit, the functions the command compiled lazily are in the cache too, not only the top level.
  if (cachedData === undefined || rejected) process.once('exit', () => writeCache(cacheFile, script));
  const module = new Module(file);
  module.filename = file;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return { cacheFile, found: cachedData !== undefined, rejected };
}
