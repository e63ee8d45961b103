// (a) `ferry export <ws> -o pkg.zip --type full` against `zip -qr` of the same folder.
import fs from 'node:fs';
import path from 'node:path';
import { median } from '../lib/measure.mjs';
import { packagePath } from './plan.mjs';

export const name = 'export';
export const order = 10;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const pkg = packagePath(ctx);
  const zipOut = path.join(ctx.work, 'zip-baseline.zip');
  const home = path.join(ctx.work, 'home-export');
  const ferry = await median(ctx.runs, async () => {
    // A fresh history each run: every run does the same work (no baseline to compare with).
    fs.rmSync(pkg, { force: true });
    fs.rmSync(home, { recursive: true, force: true });
    const result = await ctx.measureCli(['export', ctx.workspace.folder, '-o', pkg, '--type', 'full'], { home, stdout: 'pipe', inputs: [ctx.workspace.folder] });
    ctx.check(result, 'ferry export');
    return result;
  });
  const zip = await median(ctx.runs, async () => {
    fs.rmSync(zipOut, { force: true }); // zip -r would update an existing archive instead of writing a new one
    const result = await ctx.measure('zip', ['-qr', zipOut, '.'], { cwd: ctx.workspace.folder, inputs: [ctx.workspace.folder] });
    ctx.check(result, 'zip -qr');
    return result;
  });
  ctx.shared.set('package', pkg);
  const sizeMb = (file) => (fs.statSync(file).size / 1024 / 1024).toFixed(1);
  return [
    {
      benchmark: 'export full',
      ferry: { label: 'ferry export --type full', ...pick(ferry) },
      baseline: { label: 'zip -qr', ...pick(zip) },
      target: { maxRatio: 2 },
      extra: { packageMb: Number(sizeMb(pkg)), zipMb: Number(sizeMb(zipOut)), summary: ferry.stdout.trim().split('\n') },
      note: `package ${sizeMb(pkg)} MB, zip -qr ${sizeMb(zipOut)} MB (zip also stores workspace.json and folder entries)`,
    },
  ];
}

const pick = (r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssMb: r.peakRssMb });
