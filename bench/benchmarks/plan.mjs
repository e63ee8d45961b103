// (c) `ferry plan <pkg.zip> --dest <20,000-object workspace> --profile <profile> -o plan.json` against
// `unzip -o -q <pkg.zip> -d <dir>` of the same package, in the same run. The destination and the profile come from
// bench/generate-destination.mjs: the generated workspace as a prod copy (bench_prod) with every 10th node's code
// edited and every 20th replaced by a destination-only node, so the plan has creates, updates and unchanged objects.
import fs from 'node:fs';
import path from 'node:path';
import { generateDestination } from '../generate-destination.mjs';
import { median } from '../lib/measure.mjs';

export const name = 'plan';
export const order = 30;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const pkg = await packageFor(ctx);
  const fixtures = generateDestination({ nodes: ctx.workspace.nodes });
  const home = path.join(ctx.work, 'home-plan');
  const planFile = path.join(ctx.work, 'plan.json');
  fs.rmSync(home, { recursive: true, force: true });
  const ferry = await median(ctx.runs, async () => {
    fs.rmSync(planFile, { force: true });
    const result = await ctx.measureCli(['plan', pkg, '--dest', fixtures.dest, '--profile', fixtures.profile, '-o', planFile, '--json'], { home, stdout: 'pipe', inputs: [pkg, fixtures.dest, fixtures.profile] });
    ctx.check(result, 'ferry plan');
    return result;
  });
  const unzip = await unzipTo(ctx, pkg, path.join(ctx.work, 'unzip-plan'));
  const summary = JSON.parse(ferry.stdout).summary;
  return [
    {
      benchmark: 'plan',
      ferry: { label: 'ferry plan --dest <20k objects> -o', ...pick(ferry) },
      baseline: { label: 'unzip -o -q -d', ...pick(unzip) },
      target: { maxRatio: 2 },
      extra: { summary, destinationObjects: fixtures.objects, planMb: Number((fs.statSync(planFile).size / 1e6).toFixed(1)) },
      note: `${summary.total} objects: ${summary.create} create, ${summary.update} update, ${summary.unchanged} unchanged, ${summary.codeChanged} with rewritten code; destination ${fixtures.objects} objects`,
    },
  ];
}

// Shared with import.mjs.

export const pick = (r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakRssMb: r.peakRssMb });

/**
 * Where the package of this workspace lives: one per node count, so a run with `--nodes 2000` does not leave a
 * small package behind for the next 20,000-node run.
 */
export const packagePath = (ctx) => path.join(ctx.work, `pkg-${ctx.workspace.nodes}.zip`);

/**
 * The package the export benchmark wrote in this run, else the one an earlier run wrote when it is newer than the
 * workspace (a regenerated workspace makes it stale), else one written now (unmeasured).
 */
export async function packageFor(ctx) {
  const shared = ctx.shared.get('package');
  if (shared && fs.existsSync(shared)) return shared;
  const pkg = packagePath(ctx);
  const written = fs.statSync(pkg, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const counts = fs.statSync(`${ctx.workspace.folder}.counts.json`, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
  if (written <= counts) {
    const home = path.join(ctx.work, 'home-export');
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(pkg, { force: true });
    ctx.check(await ctx.measureCli(['export', ctx.workspace.folder, '-o', pkg, '--type', 'full'], { home }), 'ferry export');
  }
  ctx.shared.set('package', pkg);
  return pkg;
}

/** `unzip -o -q <pkg> -d <dir>` into an emptied folder, `ctx.runs` times (median). */
export async function unzipTo(ctx, pkg, dir) {
  const result = await median(ctx.runs, async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const r = await ctx.measure('unzip', ['-o', '-q', pkg, '-d', dir], { inputs: [pkg] });
    ctx.check(r, 'unzip -o -q');
    return r;
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}
