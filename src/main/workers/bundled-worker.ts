import fs from 'node:fs';
import path from 'node:path';

/**
 * The bundled worker script `name` (e.g. `destination-worker.cjs`) beside the running bundle (dist/main/), or,
 * inside a packaged app, its unpacked copy (a worker cannot start from inside an asar archive). Null when running
 * from sources (tests): callers then do the work on the calling thread.
 */
export function bundledWorker(name: string): string | null {
  const here = typeof __dirname === 'string' ? __dirname : null;
  if (!here) return null;
  const file = path.join(
    here.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`),
    name,
  );
  return fs.existsSync(file) ? file : null;
}
