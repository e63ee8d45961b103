import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a worker entry into `outDir` as scripts/build.mjs does, packages inside, for tests of the worker-thread
 * path (a worker that cannot load would silently leave the work to the calling thread).
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
