// The benchmark harness (`npm run bench`): builds if stale (package.json does that), generates the 20,000-node
// workspace once under bench/.work/, then runs every module in bench/benchmarks/ (ordered by its `order`) and prints
// one table of ferry against a baseline tool, side by side in the same run, with wall time, peak RSS, ratio and target.
// Results also go to bench/.work/results.json.
//
//   node bench/run.mjs [--runs N] [--only export,inspect] [--nodes 20000]
//
// Adding a benchmark: drop `bench/benchmarks/<name>.mjs` exporting `name`, `order` and `run(ctx)` returning rows
// `{ benchmark, ferry: {label, seconds, peakRssMb}, baseline: {...}, target: {maxRatio?, maxRssMb?}, note?, extra? }`.
// `ctx` (see BenchContext below) measures commands and the built CLI and shares artefacts between benchmarks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';
import { measure, measureMethod } from './lib/measure.mjs';
import { formatTable, verdict } from './lib/table.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const work = path.join(benchDir, '.work');
const cli = path.join(root, 'dist', 'main', 'cli.cjs');

/**
 * @typedef {object} BenchContext
 * @property {string} root
 * @property {string} work          bench/.work: scratch space (gitignored)
 * @property {number} runs          runs per command; the median is kept
 * @property {{ folder: string, nodes: number, files: number, bytes: number }} workspace
 * @property {Map<string, unknown>} shared   artefacts for later benchmarks (e.g. 'package': path of pkg.zip)
 * @property {typeof measure} measure
 * @property {(args: string[], options?: { home?: string, stdout?: 'null' | 'pipe', inputs?: string[] }) => ReturnType<typeof measure>} measureCli   `inputs` as in measure()
 * @property {(result: { code: number, stderr: string }, label: string) => void} check   throws when a command failed
 */

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Math.max(1, Number(option('--runs', '1')));
const only = option('--only', null)?.split(',');
const nodes = Number(option('--nodes', '20000'));

if (!fs.existsSync(cli)) {
  process.stderr.write(`bench: ${path.relative(root, cli)} is missing; run \`npm run build\` (npm run bench builds it)\n`);
  process.exit(2);
}
fs.mkdirSync(work, { recursive: true });

process.stderr.write(`bench: workspace of ${nodes} nodes ... `);
const started = Date.now();
const workspace = generateWorkspace({ nodes });
process.stderr.write(`${workspace.reused ? 'reused' : 'generated'} (${workspace.files} files, ${(workspace.bytes / 1e6).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

/** @type {BenchContext} */
const ctx = {
  root,
  work,
  runs,
  workspace,
  shared: new Map(),
  measure,
  measureCli: (cliArgs, options = {}) =>
    measure(process.execPath, [cli, ...cliArgs], {
      stdout: options.stdout,
      inputs: options.inputs,
      env: { ...process.env, FERRY_HOME: options.home ?? path.join(work, 'home') },
    }),
  check: (result, label) => {
    if (result.code !== 0) throw new Error(`${label} exited ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  },
};

const modules = [];
for (const file of fs.readdirSync(path.join(benchDir, 'benchmarks')).filter((f) => f.endsWith('.mjs'))) {
  const mod = await import(pathToFileURL(path.join(benchDir, 'benchmarks', file)).href);
  if (!only || only.includes(mod.name)) modules.push(mod);
}
modules.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));

const rows = [];
const failures = [];
for (const mod of modules) {
  process.stderr.write(`bench: ${mod.name} ...\n`);
  const loadBefore = os.loadavg()[0];
  try {
    for (const row of await mod.run(ctx)) rows.push({ ...row, load: [loadBefore, os.loadavg()[0]] });
  } catch (error) {
    failures.push({ benchmark: mod.name, error: error.message });
    process.stderr.write(`bench: ${mod.name} failed: ${error.message}\n`);
  }
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
process.stdout.write(`\nFerry benchmarks (${runs} run${runs > 1 ? 's, median' : ''}; ${measureMethod}; ${machine.cpus} CPUs, Node ${machine.node})\n`);
process.stdout.write(`workspace: ${workspace.nodes} nodes, ${workspace.files} files, ${(workspace.bytes / 1e6).toFixed(0)} MB\n`);
process.stdout.write(`load average (1 min) before -> after: ${rows.map((r) => `${r.benchmark} ${r.load.map((l) => l.toFixed(1)).join(' -> ')}`).join('; ')}\n\n`);
process.stdout.write(`${formatTable(rows)}\n`);
if (failures.length) process.stdout.write(`\nFailed: ${failures.map((f) => `${f.benchmark} (${f.error})`).join('; ')}\n`);

const results = {
  date: new Date().toISOString(),
  machine,
  method: measureMethod,
  runs,
  workspace: { nodes: workspace.nodes, files: workspace.files, bytes: workspace.bytes, edges: workspace.edges },
  rows: rows.map((row) => ({ ...row, ratio: row.ferry.seconds / row.baseline.seconds, ok: verdict(row) })),
  failures,
};
fs.writeFileSync(path.join(work, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nresults: ${path.relative(root, path.join(work, 'results.json'))}\n`);
process.exitCode = failures.length ? 1 : 0;

