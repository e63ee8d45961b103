// (d) `ferry import plan.json` into an empty workspace (workspace.json only) against `unzip -o -q <pkg.zip> -d <dir>`
// of the same package, in the same run. Each run starts from a fresh copy of the empty workspace and a fresh history;
// the plan it applies is made just before (unmeasured; its time is in `extra.planSeconds`). The import is durable
// (each batch flushed: one syncfs on Linux, else fsync per file), unzip is not.
import fs from 'node:fs';
import path from 'node:path';
import { generateDestination } from '../generate-destination.mjs';
import { median } from '../lib/measure.mjs';
import { packageFor, pick, unzipTo } from './plan.mjs';

export const name = 'import';
export const order = 40;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const pkg = await packageFor(ctx);
  const fixtures = generateDestination({ nodes: ctx.workspace.nodes });
  const home = path.join(ctx.work, 'home-import');
  const dest = path.join(ctx.work, 'import-dest');
  const planFile = path.join(ctx.work, 'plan-import.json');
  const planSeconds = [];
  const ferry = await median(ctx.runs, async () => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(fixtures.empty, dest, { recursive: true });
    const plan = await ctx.measureCli(['plan', pkg, '--dest', dest, '--profile', fixtures.profile, '-o', planFile], { home });
    ctx.check(plan, 'ferry plan (empty destination)');
    planSeconds.push(plan.seconds);
    const result = await ctx.measureCli(['import', planFile, '--name', 'bench_import', '--json'], { home, stdout: 'pipe', inputs: [planFile, pkg, dest] });
    ctx.check(result, 'ferry import');
    return result;
  });
  const unzip = await unzipTo(ctx, pkg, path.join(ctx.work, 'unzip-import'));
  const results = JSON.parse(ferry.stdout).report?.results ?? null;
  return [
    {
      benchmark: 'import',
      ferry: { label: 'ferry import plan.json (empty ws)', ...pick(ferry) },
      baseline: { label: 'unzip -o -q -d', ...pick(unzip) },
      target: { maxRatio: 3 },
      extra: { results, planSeconds },
      note: results ? `${results.total} objects: ${results.succeeded} imported, ${results.skipped} skipped, ${results.failed} failed; durable (each batch flushed)` : undefined,
    },
  ];
}
