// (c) `ferry upload` of a 500 MB file against a single `curl --upload-file` PUT of the same file to the same local Swift
// (S3 API, scripts/swift-test-server.sh), started and stopped by this benchmark. Target: at least 0.8x curl's
// throughput, i.e. a time ratio of at most 1.25.
//
// curl signs with --aws-sigv4 like the brief asks, but the key goes in a netrc file: `--user test:tester:testing`
// splits at the first colon (access key `test`, secret `tester:testing`), which Swift rightly refuses.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const name = 'upload';
export const order = 60;

const MB = 1_000_000;
const sizeBytes = 500 * MB;

/** @param {import('../run.mjs').BenchContext} ctx */
export async function run(ctx) {
  const script = path.join(ctx.root, 'scripts', 'swift-test-server.sh');
  const started = execFileSync(script, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const dir = /^SWIFT_DIR=(.*)$/m.exec(started)?.[1];
  const endpoint = /^SWIFT_ENDPOINT=(.*)$/m.exec(started)?.[1];
  try {
    const file = payload(ctx.work);
    const netrc = path.join(ctx.work, 'swift.netrc');
    fs.writeFileSync(netrc, 'machine 127.0.0.1 login test:tester password testing\n', { mode: 0o600 });
    const curlBase = ['-sS', '-f', '-o', '/dev/null', '--aws-sigv4', 'aws:amz:us-east-1:s3', '--netrc-file', netrc, '-H', 'x-amz-content-sha256: UNSIGNED-PAYLOAD'];
    ctx.check(await ctx.measure('curl', [...curlBase, '-X', 'PUT', `${endpoint}/bench`]), 'curl create bucket');
    process.env.FERRY_OSS_ACCESS_KEY_ID = 'test:tester';
    process.env.FERRY_OSS_ACCESS_KEY_SECRET = 'testing';
    const home = path.join(ctx.work, 'home-upload');
    // Interleaved (ferry, curl, ferry, curl, ...) so both see the same machine load; the median run of each is kept.
    const ferryRuns = [];
    const curlRuns = [];
    for (let run = 0; run < ctx.runs; run++) {
      fs.rmSync(home, { recursive: true, force: true });
      const args = ['upload', file, '--endpoint', endpoint, '--bucket', 'bench', '--key', `ferry-${run}.bin`, '--path-style', '--json'];
      const ferryRun = await ctx.measureCli(args, { home, stdout: 'pipe', inputs: [file] });
      ctx.check(ferryRun, 'ferry upload');
      if (!ferryRun.stdout.includes('"type":"completed"')) throw new Error(`ferry upload did not complete: ${ferryRun.stdout.slice(-300)}`);
      ferryRuns.push(ferryRun);
      const curlRun = await ctx.measure('curl', [...curlBase, '--upload-file', file, `${endpoint}/bench/curl-${run}.bin`], { inputs: [file] });
      ctx.check(curlRun, 'curl --upload-file');
      curlRuns.push(curlRun);
    }
    const ferry = middle(ferryRuns);
    const curl = middle(curlRuns);
    const mbps = (seconds) => (sizeBytes / MB / seconds).toFixed(0);
    const throughputRatio = curl.seconds / ferry.seconds;
    return [
      {
        benchmark: 'upload 500 MB',
        ferry: { label: 'ferry upload (60 MiB parts, 4 parallel)', seconds: ferry.seconds, cpuSeconds: ferry.cpuSeconds, peakRssMb: ferry.peakRssMb },
        baseline: { label: 'curl --upload-file (one PUT)', seconds: curl.seconds, cpuSeconds: curl.cpuSeconds, peakRssMb: curl.peakRssMb },
        target: { maxRatio: 1.25 },
        extra: {
          ferryMBps: Number(mbps(ferry.seconds)),
          curlMBps: Number(mbps(curl.seconds)),
          throughputRatio,
          runs: { ferrySeconds: ferryRuns.map((r) => r.seconds), curlSeconds: curlRuns.map((r) => r.seconds) },
        },
        note: `throughput ferry ${mbps(ferry.seconds)} MB/s vs curl ${mbps(curl.seconds)} MB/s = ${throughputRatio.toFixed(2)}x curl (target >= 0.8x); ferry's time includes Node start, MD5 per part, the final HeadObject check and signing the link`,
      },
    ];
  } finally {
    if (dir) execFileSync(script, ['stop', dir], { stdio: 'inherit' });
  }
}

const middle = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];

/** 500 MB of random bytes, made once under bench/.work. */
function payload(work) {
  const file = path.join(work, 'upload-500mb.bin');
  if (fs.existsSync(file) && fs.statSync(file).size === sizeBytes) return file;
  const fd = fs.openSync(file, 'w');
  const chunk = 8 * MB;
  for (let written = 0; written < sizeBytes; written += chunk) fs.writeSync(fd, randomBytes(Math.min(chunk, sizeBytes - written)));
  fs.closeSync(fd);
  return file;
}
