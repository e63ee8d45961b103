import path from 'node:path';
import { runWithCompileCache, userCacheDir } from './compile-cache';

// dist/main/cli.cjs: runs the CLI bundle beside it (cli-main.cjs, from cli-main.ts) with V8's code cache, so that
// a command does not spend its first ~85 ms compiling (see compile-cache.ts).
runWithCompileCache(path.join(__dirname, 'cli-main.cjs'), userCacheDir());
