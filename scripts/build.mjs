// Builds everything that runs: the Node side (CLI, web server, Electron main) and the preload with esbuild,
// the renderer with Vite. `--if-stale` skips the work when dist/ is newer than every source file.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const args = new Set(process.argv.slice(2));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  const marker = path.join(dist, '.built');
  if (!fs.existsSync(marker)) return true;
  const inputs = Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  return inputs > fs.statSync(marker).mtimeMs;
}

if (args.has('--if-stale') && !isStale()) process.exit(0);

const exists = (p) => fs.existsSync(path.join(root, p));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __FERRY_VERSION__: JSON.stringify(pkg.version) },
};

const nodeEntries = [
  ['src/main/cli/cli-launcher.ts', 'main/cli.cjs'],
  ['src/main/cli/cli-main.ts', 'main/cli-main.cjs'],
  ['src/main/web/web-main.ts', 'main/web.cjs'],
  ['src/main/electron/main.ts', 'main/electron-main.cjs'],
].filter(([src]) => exists(src));
// Worker threads: each a bundle of its own beside the entries that start it, with its packages inside. A packaged
// app starts them from app.asar.unpacked/, where `require` does not find the packages inside app.asar; none of them
// needs a native module.
const workerEntries = [
  ['src/main/plan/destination-worker.ts', 'main/destination-worker.cjs'],
  ['src/main/plan/code-scan-worker.ts', 'main/code-scan-worker.cjs'],
  ['src/main/importer/materializer-worker.ts', 'main/materializer-worker.cjs'],
  ['src/main/importer/writer-worker.ts', 'main/writer-worker.cjs'],
].filter(([src]) => exists(src));

// The entries' packages are bundled too, except the native module and the cloud SDKs, which load on first use: a
// package resolved and read file by file from node_modules cost the CLI ~40 ms of every start (zod alone is ~70 files).
const nodeExternals = ['electron', 'better-sqlite3', '@aws-sdk/*', '@alicloud/*'];

await Promise.all([
  ...nodeEntries.map(([src, out]) =>
    build({ ...common, entryPoints: [path.join(root, src)], outfile: path.join(dist, out), external: nodeExternals }),
  ),
  ...workerEntries.map(([src, out]) =>
    build({ ...common, entryPoints: [path.join(root, src)], outfile: path.join(dist, out), external: ['electron'] }),
  ),
  // A sandboxed preload may require only 'electron': bundle everything else into it.
  exists('src/preload/index.ts') &&
    build({
      ...common,
      entryPoints: [path.join(root, 'src/preload/index.ts')],
      outfile: path.join(dist, 'preload/index.cjs'),
      external: ['electron'],
    }),
]);

if (exists('src/renderer/index.html') && !args.has('--no-renderer')) {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
fs.mkdirSync(dist, { recursive: true });
fs.writeFileSync(path.join(dist, '.built'), new Date().toISOString());
