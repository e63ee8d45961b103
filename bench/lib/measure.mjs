// Runs one command and measures its wall time and peak RSS. With GNU time (`/usr/bin/time`, Debian package `time`)
// the numbers come from the kernel's rusage of the whole process; without it, /proc/<pid>/status VmHWM is polled
// every 20 ms (which can miss a peak shorter than that, and sees only the direct child).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canSettle, settle } from './settle.mjs';

const gnuTime = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p)) ?? null;

/** How measurements are taken on this machine, for the report. */
export const measureMethod = `${gnuTime ? `${gnuTime} -f '%e %M %U %S'` : '/proc/<pid>/status VmHWM polling'}; ${
  canSettle ? 'settled: sync + drop caches + warm inputs before each command' : 'unsettled (cannot drop caches: not root)'
}`;

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, stdout?: 'null' | 'pipe', inputs?: string[] }} options
 *   `inputs`: the files and folders the command reads, warmed after the caches are dropped (see settle.mjs)
 * @returns {Promise<{ seconds: number, cpuSeconds: number | null, peakRssMb: number, code: number, stdout: string, stderr: string }>}
 */
export async function measure(command, args, options = {}) {
  settle(options.inputs);
  const timeFile = path.join(os.tmpdir(), `ferry-bench-time-${process.pid}-${Date.now()}.txt`);
  const argv = gnuTime ? [gnuTime, '-f', '%e %M %U %S', '-o', timeFile, command, ...args] : [command, ...args];
  const devNull = options.stdout === 'pipe' ? 'pipe' : fs.openSync('/dev/null', 'w');
  const started = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', devNull, 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let polledKb = 0;
  const poll = gnuTime
    ? null
    : setInterval(() => {
        try {
          const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
          polledKb = Math.max(polledKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {
          // finished between two polls
        }
      }, 20);
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  if (typeof devNull === 'number') fs.closeSync(devNull);
  let seconds = wall;
  let peakKb = polledKb;
  let cpuSeconds = null;
  if (gnuTime) {
    const line = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    fs.rmSync(timeFile, { force: true });
    const [elapsed, maxKb, user, sys] = line.split(/\s+/).map(Number);
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
    // GNU time's %e has 10 ms resolution; our own clock is finer and includes the same process lifetime.
    seconds = Number.isFinite(elapsed) ? Math.max(elapsed, wall - 0.05) : wall;
    peakKb = Number.isFinite(maxKb) ? maxKb : 0;
  }
  return { seconds, cpuSeconds, peakRssMb: peakKb / 1024, code, stdout, stderr };
}

/** Runs `make()` `runs` times and keeps the run with the median time (its RSS with it). */
export async function median(runs, make) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await make(i));
  results.sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor((results.length - 1) / 2)];
}
