// Micro benchmark for reading an unzipped package / workspace folder through `openFolderSource` alone: listing
// (open) and reading every listed file as text, 8 reads in flight (what the SPEC reader does).
//
//   node bench/read-folder.mjs <folder> [--runs 3] [--base-rev <git rev>] [--bytes]
//
// --base-rev also measures folder-source.ts as it was at that commit (taken with `git show`), interleaved with the
// working tree's, so before/after numbers come from the same run on the same machine load. --bytes reads with
// readBytes instead of readText.
//
// Each run is a fresh child process. Per run: list and read wall times, CPU (user + sys) of the whole child, the
// longest event-loop stall (how long a timer waited at most: what a web server or the Electron main process would
// feel), and the load average. The source is bundled from src/ with esbuild into a temp folder, no build needed.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  const [, , , bundle, folder, bytes] = process.argv;
  const { openFolderSource } = await import(bundle);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const source = await openFolderSource(folder);
  const t1 = performance.now();
  const entries = source.list();
  let next = 0;
  let chars = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++];
      chars += bytes === '1' ? (await source.readBytes(entry)).length : (await source.readText(entry)).length;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const t2 = performance.now();
  await source.close();
  const cpu = process.cpuUsage(cpu0);
  delay.disable();
  process.stdout.write(
    JSON.stringify({
      files: entries.length,
      chars,
      listMs: t1 - t0,
      readMs: t2 - t1,
      cpuMs: (cpu.user + cpu.system) / 1000,
      userMs: cpu.user / 1000,
      sysMs: cpu.system / 1000,
      maxStallMs: delay.max / 1e6,
    }),
  );
  process.exit(0);
}

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const folder = args.find(
  (arg, i) =>
    !arg.startsWith('--') && !args[i - 1]?.startsWith('--runs') && !args[i - 1]?.startsWith('--base-rev'),
);
if (!folder) {
  process.stderr.write('usage: node bench/read-folder.mjs <folder> [--runs N] [--base-rev REV] [--bytes]\n');
  process.exit(2);
}
const runs = Number(option('--runs') ?? 3);
const baseRev = option('--base-rev');
const bytes = args.includes('--bytes') ? '1' : '0';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-read-folder-'));
fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
const sourceFiles = [
  'src/main/formats/source/folder-source.ts',
  'src/main/formats/source/package-source.ts',
  'src/shared/errors.ts',
];

async function bundleFrom(checkout, name) {
  const outfile = path.join(work, `${name}.mjs`);
  await build({
    entryPoints: [path.join(checkout, 'src/main/formats/source/folder-source.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

const variants = [{ name: 'current', bundle: await bundleFrom(root, 'current') }];
if (baseRev) {
  const base = path.join(work, 'base');
  for (const file of sourceFiles) {
    fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    fs.writeFileSync(
      path.join(base, file),
      execFileSync('git', ['show', `${baseRev}:${file}`], { cwd: root }),
    );
  }
  variants.unshift({ name: `base ${baseRev}`, bundle: await bundleFrom(base, 'base') });
}

const results = new Map(variants.map((v) => [v.name, []]));
for (let run = 0; run < runs; run += 1) {
  for (const variant of variants) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', variant.bundle, path.resolve(folder), bytes],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        timeout: 300_000,
      },
    );
    if (child.status !== 0) {
      process.stderr.write(
        `${variant.name}: child failed (${child.signal ?? child.status})\n${child.stderr}`,
      );
      process.exit(1);
    }
    const result = { ...JSON.parse(child.stdout), load: os.loadavg()[0] };
    results.get(variant.name).push(result);
    const f = (n) => n.toFixed(0).padStart(6);
    process.stdout.write(
      `${variant.name.padEnd(16)} run ${run + 1}: list ${f(result.listMs)} ms  read ${f(result.readMs)} ms  cpu ${f(result.cpuMs)} ms (user ${f(result.userMs)} sys ${f(result.sysMs)})  max stall ${result.maxStallMs.toFixed(1)} ms  load ${result.load.toFixed(2)}  files ${result.files}\n`,
    );
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = {};
for (const [name, list] of results) {
  summary[name] = Object.fromEntries(
    ['listMs', 'readMs', 'cpuMs', 'userMs', 'sysMs', 'maxStallMs'].map((k) => [
      k,
      Math.round(median(list.map((r) => r[k])) * 10) / 10,
    ]),
  );
  process.stdout.write(`${name.padEnd(16)} median: ${JSON.stringify(summary[name])}\n`);
}
process.stdout.write(`${JSON.stringify({ folder: path.resolve(folder), runs, summary })}\n`);
fs.rmSync(work, { recursive: true, force: true });
