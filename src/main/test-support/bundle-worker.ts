import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a worker entry into `outDir` as scripts/build.mjs does, for tests of the worker-thread path, with its
 * packages inside (the build leaves them to dist/'s node_modules; a temporary folder has none, and a worker that
 * cannot load would silently leave the work to the calling thread).
 */
export async function bundleWorker(entry: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  return outfile;
}
