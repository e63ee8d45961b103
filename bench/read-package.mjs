// Micro benchmark for package reading: `readPackage` (and optionally the code scan through `openCodeReader`)
// against `unzip -p <zip> > /dev/null` on the same file, in the same run.
//
//   node bench/read-package.mjs <package.zip> [--runs 3] [--scan] [--lean] [--cpu-prof] [--base <checkout>]
//
// --scan also reads every asset's code through openCodeReader (what inspection's secret scan does); --lean reads
// with `keepOriginal: false` (checkouts without the option ignore it).
//
// --base measures another checkout's src/ too (e.g. `git worktree add /tmp/base HEAD~3`), interleaved with this
// one and with unzip, so before/after numbers come from the same run on the same machine load.
//
// Each measured read runs in a fresh child process so peak RSS (VmHWM) is per run. Prints a table and a JSON
// line. The reader is bundled from src/ with esbuild into a temp file, so no build step is needed.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function peakRssMb() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

if (process.argv[2] === '--child') {
  // Child: argv = --child <bundle> <zip> <scan 0|1> <lean 0|1>
  const [, , , bundle, zip, scan, lean] = process.argv;
  const { readPackage, openCodeReader } = await import(bundle);
  const start = performance.now();
  const model = await readPackage(zip, lean === '1' ? { keepOriginal: false } : {});
  const readMs = performance.now() - start;
  let scanMs = 0;
  let codeBytes = 0;
  if (scan === '1') {
    const scanStart = performance.now();
    const reader = await openCodeReader(model);
    try {
      for (const asset of model.assets) {
        if (!asset.code) continue;
        const text = await reader.read(asset.id);
        codeBytes += text?.length ?? 0;
      }
    } finally {
      await reader.close();
    }
    scanMs = performance.now() - scanStart;
  }
  process.stdout.write(JSON.stringify({ readMs, scanMs, codeBytes, assets: model.assets.length, problems: model.problems.length, peakRssMb: peakRssMb() }));
  process.exit(0);
}

const args = process.argv.slice(2);
const baseAt = args.indexOf('--base');
const baseRoot = baseAt >= 0 ? path.resolve(args[baseAt + 1]) : null;
const zip = args.find((arg, i) => !arg.startsWith('--') && !/^\d+$/.test(arg) && (baseAt < 0 || i !== baseAt + 1));
if (!zip) {
  process.stderr.write('usage: node bench/read-package.mjs <package.zip> [--runs N] [--scan] [--lean] [--cpu-prof] [--base <checkout>]\n');
  process.exit(2);
}
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const scan = args.includes('--scan');
const lean = args.includes('--lean');
const cpuProf = args.includes('--cpu-prof');

const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-read-bench-'));
// packages: 'external' leaves bare imports (zod, yauzl, yaml): they resolve from the project's node_modules.
fs.symlinkSync(path.join(root, 'node_modules'), path.join(bundleDir, 'node_modules'));
async function bundleFrom(checkout, name) {
  const entry = path.join(bundleDir, `${name}.ts`);
  fs.writeFileSync(entry, `export { readPackage, openCodeReader } from ${JSON.stringify(path.join(checkout, 'src/main/formats/read-package.ts'))};\n`);
  const outfile = path.join(bundleDir, `${name}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'esm', outfile, packages: 'external', logLevel: 'warning' });
  return outfile;
}
const bundle = await bundleFrom(root, 'current');
const baseBundle = baseRoot ? await bundleFrom(baseRoot, 'base') : null;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// GNU time gives CPU seconds (user + sys), which stay comparable when other work shares the machine.
const gnuTime = fs.existsSync('/usr/bin/time');
const timeFile = path.join(bundleDir, 'time.txt');
function measure(command, commandArgs) {
  const [cmd, cmdArgs] = gnuTime ? ['/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...commandArgs]] : [command, commandArgs];
  const start = performance.now();
  const result = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = performance.now() - start;
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  const [, user, sys, maxKb] = gnuTime ? fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [0, NaN, NaN, NaN];
  return { wallMs, cpuMs: (user + sys) * 1000, maxRssMb: maxKb / 1024, stdout: result.stdout };
}

// Interleaved, so a burst of load elsewhere hits both sides alike.
const unzipRuns = [];
const child = [];
const baseChild = [];
const runChild = (file, profile) => {
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(os.tmpdir(), 'ferry-read-prof')] : [];
  const run = measure(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', file, path.resolve(zip), scan ? '1' : '0', lean ? '1' : '0']);
  return { ...run, ...JSON.parse(run.stdout) };
};
for (let i = 0; i < runs; i += 1) {
  unzipRuns.push(measure('sh', ['-c', 'unzip -p "$1" > /dev/null', 'sh', zip]));
  if (baseBundle) baseChild.push(runChild(baseBundle, false));
  child.push(runChild(bundle, cpuProf && i === 0));
}
fs.rmSync(bundleDir, { recursive: true, force: true });

const unzip = median(unzipRuns.map((r) => r.wallMs));
const unzipCpu = median(unzipRuns.map((r) => r.cpuMs));
const size = fs.statSync(zip).size;
const line = (label, value) => process.stdout.write(`${label.padEnd(34)} ${value}\n`);
line('package', `${zip} (${(size / 1e6).toFixed(1)} MB, ${child[0].assets} assets, ${child[0].problems} problems)`);
line('unzip -p > /dev/null (median)', `${unzip.toFixed(0)} ms wall, ${unzipCpu.toFixed(0)} ms cpu`);
const results = {};
for (const [label, runsOf] of [['base', baseChild], ['current', child]]) {
  if (runsOf.length === 0) continue;
  const read = median(runsOf.map((c) => c.readMs));
  const scanMs = median(runsOf.map((c) => c.scanMs));
  const wall = median(runsOf.map((c) => c.wallMs));
  const cpu = median(runsOf.map((c) => c.cpuMs));
  const rss = Math.max(...runsOf.map((c) => c.peakRssMb));
  line(`[${label}] readPackage (median)`, `${read.toFixed(0)} ms  (${(read / unzip).toFixed(2)}x unzip wall)`);
  if (scan) line(`[${label}] code scan (median)`, `${scanMs.toFixed(0)} ms  (${(runsOf[0].codeBytes / 1e6).toFixed(1)} MB of code)`);
  line(`[${label}] process wall (median)`, `${wall.toFixed(0)} ms  (${(wall / unzip).toFixed(2)}x unzip)`);
  line(`[${label}] process cpu (median)`, `${cpu.toFixed(0)} ms  (${(cpu / unzipCpu).toFixed(2)}x unzip)`);
  line(`[${label}] peak RSS (max)`, `${rss.toFixed(0)} MB`);
  results[label] = { readMs: read, scanMs, wallMs: wall, cpuMs: cpu, peakRssMb: rss, ratioWall: wall / unzip, ratioCpu: cpu / unzipCpu };
}
if (cpuProf) line('cpu profile (first run)', path.join(os.tmpdir(), 'ferry-read-prof'));
process.stdout.write(`${JSON.stringify({ zip, sizeBytes: size, runs, scan, lean, unzipMs: unzip, unzipCpuMs: unzipCpu, ...results })}\n`);
