// (b) `ferry inspect pkg.zip --json > /dev/null` against `unzip -p pkg.zip > /dev/null`. Until `ferry inspect` is
// registered in the CLI, `ferry list --json` stands in (and the row says so); the switch is automatic.
import path from 'node:path';
import fs from 'node:fs';
import { median } from '../lib/measure.mjs';

export const name = 'inspect';
export const order = 20;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const pkg = await packageFor(ctx);
  const hasInspect = await ctx.hasCommand('inspect');
  const command = hasInspect ? 'inspect' : 'list';
  const home = path.join(ctx.work, 'home-inspect');
  const ferry = await median(ctx.runs, async () => {
    const result = await ctx.measureCli([command, pkg, '--json'], { home });
    ctx.check(result, `ferry ${command}`);
    return result;
  });
  const unzip = await median(ctx.runs, async () => {
    const result = await ctx.measure('unzip', ['-p', pkg]);
    ctx.check(result, 'unzip -p');
    return result;
  });
  return [
    {
      benchmark: hasInspect ? 'inspect' : 'inspect (list)',
      ferry: { label: `ferry ${command} --json >/dev/null`, seconds: ferry.seconds, cpuSeconds: ferry.cpuSeconds, peakRssMb: ferry.peakRssMb },
      baseline: { label: 'unzip -p >/dev/null', seconds: unzip.seconds, cpuSeconds: unzip.cpuSeconds, peakRssMb: unzip.peakRssMb },
      target: { maxRatio: 2, maxRssMb: 250 },
      note: hasInspect ? undefined : '`ferry inspect` is not registered in this build: measured `ferry list --json` instead',
    },
  ];
}

/** The package the export benchmark wrote, or one written now (unmeasured) when it did not run. */
async function packageFor(ctx) {
  const shared = ctx.shared.get('package');
  if (shared && fs.existsSync(shared)) return shared;
  const pkg = path.join(ctx.work, 'pkg.zip');
  if (!fs.existsSync(pkg)) {
    const home = path.join(ctx.work, 'home-export');
    fs.rmSync(home, { recursive: true, force: true });
    ctx.check(await ctx.measureCli(['export', ctx.workspace.folder, '-o', pkg, '--type', 'full'], { home }), 'ferry export');
  }
  return pkg;
}
