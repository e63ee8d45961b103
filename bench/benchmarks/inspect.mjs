// (b) `ferry inspect pkg.zip --json > /dev/null` against `unzip -p pkg.zip > /dev/null`.
import path from 'node:path';
import { median } from '../lib/measure.mjs';
import { packageFor, pick } from './plan.mjs';

export const name = 'inspect';
export const order = 20;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const pkg = await packageFor(ctx);
  const home = path.join(ctx.work, 'home-inspect');
  const ferry = await median(ctx.runs, async () => {
    const result = await ctx.measureCli(['inspect', pkg, '--json'], { home, inputs: [pkg] });
    ctx.check(result, 'ferry inspect');
    return result;
  });
  const unzip = await median(ctx.runs, async () => {
    const result = await ctx.measure('unzip', ['-p', pkg], { inputs: [pkg] });
    ctx.check(result, 'unzip -p');
    return result;
  });
  return [
    {
      benchmark: 'inspect',
      ferry: { label: 'ferry inspect --json >/dev/null', ...pick(ferry) },
      baseline: { label: 'unzip -p >/dev/null', ...pick(unzip) },
      target: { maxRatio: 2, maxRssMb: 250 },
    },
  ];
}
