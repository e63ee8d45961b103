import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { Job } from '../../shared/model/job';
import { localUploadLimitBytes, type UploadCredentialSource, type UploadRecord } from '../../shared/model/upload';
import { RateMeter } from '../storage/rate-meter';
import { humanSize } from './format';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { waitForJob } from './wait-for-job';

const usage =
  'Usage: ferry upload <package> --endpoint <url> --bucket <name> [--key K] [--region R] [--path-style] [--parallel N]\n' +
  '                    [--part-size MB] [--credentials <file>] [--resume] [--json]\n' +
  'Credentials: FERRY_OSS_ACCESS_KEY_ID / FERRY_OSS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET), or --credentials <file>.';

const unfinished = new Set<UploadRecord['state']>(['uploading', 'paused', 'failed']);

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new FerryError('bad-request', `${name} must be a positive whole number.\n${usage}`);
  return n;
}

function progressBar(done: number, total: number, rate: number | null, width = 30): string {
  const ratio = total ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const speed = rate ? ` · ${humanSize(rate)}/s` : '';
  const left = rate && done < total ? ` · ${formatSeconds((total - done) / rate)} left` : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${humanSize(done)} of ${humanSize(total)}${speed}${left}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.ceil((s % 3600) / 60)} min`;
}

/**
 * `ferry upload`: uploads a package to OSS (or any S3 endpoint) for DataWorks "Upload from OSS" and prints a
 * pre-signed download URL. A progress bar on a terminal; JSON lines on stdout otherwise (or with --json). An upload
 * that stopped (Ctrl-C, lost network, closed laptop) continues with the same command plus --resume.
 */
export async function uploadCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    endpoint: { type: 'string' },
    bucket: { type: 'string' },
    key: { type: 'string' },
    region: { type: 'string' },
    'path-style': { type: 'boolean', default: false },
    parallel: { type: 'string' },
    'part-size': { type: 'string' },
    credentials: { type: 'string' },
    resume: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !values.endpoint || !values.bucket) throw new FerryError('bad-request', usage);
  const file = path.resolve(positionals[0]);
  const parallel = positiveInt(values.parallel, '--parallel');
  const partSizeMb = positiveInt(values['part-size'], '--part-size');
  const credentials: UploadCredentialSource = values.credentials ? { source: 'file', path: path.resolve(values.credentials) } : { source: 'env' };
  const lines = values.json || io.stderr.isTTY !== true;
  const emit = (record: Record<string, unknown>) => io.stdout.write(`${JSON.stringify(record)}\n`);
  const say = (text: string) => (lines ? emit({ type: 'note', message: text }) : io.stderr.write(`${text}\n`));

  const size = (await fs.stat(file).catch(() => null))?.size;
  if (size !== undefined && size <= localUploadLimitBytes)
    say(`Note: ${path.basename(file)} is ${humanSize(size)} (30 MB or less): DataWorks also accepts it as a local file, no OSS needed. Uploading anyway.`);

  const key = values.key ?? path.basename(file);
  const endpoint = values.endpoint.replace(/\/+$/, '');
  const same = (u: UploadRecord) => u.filePath === file && u.bucket === values.bucket && u.key === key && u.endpoint === endpoint;
  const previous = (await client.call('upload:list', { limit: 1000 })).find((u) => same(u) && unfinished.has(u.state));

  let started: { jobId: string; uploadId: string };
  if (values.resume) {
    if (!previous) throw new FerryError('not-found', `No unfinished upload of ${file} to ${values.bucket}/${key} to resume; run without --resume.`);
    say(`Resuming upload ${previous.uploadId} (${previous.partsDone} of ${previous.partCount} parts recorded; asking the server which it has).`);
    started = await client.call('upload:resume', { uploadId: previous.uploadId, credentials });
  } else {
    if (previous) say(`Note: upload ${previous.uploadId} of this file is unfinished (${previous.state}); --resume would continue it.`);
    started = await client.call('upload:start', {
      path: file,
      endpoint,
      bucket: values.bucket,
      key,
      region: values.region,
      pathStyle: values['path-style'],
      parallel,
      partSize: partSizeMb === undefined ? undefined : partSizeMb * 1024 * 1024,
      credentials,
    });
  }

  const meter = new RateMeter();
  let lastDone = -1;
  let lastLine = '';
  const onUpdate = (job: Job) => {
    const done = job.progress.done;
    const total = job.progress.total ?? size ?? 0;
    if (done !== lastDone) {
      meter.add(lastDone < 0 ? 0 : done - lastDone);
      lastDone = done;
    }
    const rate = meter.rate();
    if (lines) {
      const line = JSON.stringify({ type: 'progress', uploadId: started.uploadId, bytesDone: done, totalBytes: total, bytesPerSecond: rate, secondsLeft: rate ? (total - done) / rate : null, step: job.step });
      if (line !== lastLine) io.stdout.write(`${line}\n`);
      lastLine = line;
    } else io.stderr.write(`\r${progressBar(done, total, rate)}\x1b[K`);
  };
  const resumeHint = `Resume with: ferry upload ${positionals[0]} --endpoint ${endpoint} --bucket ${values.bucket}${values.key ? ` --key ${values.key}` : ''}${values['path-style'] ? ' --path-style' : ''}${values.credentials ? ` --credentials ${values.credentials}` : ''} --resume`;
  try {
    await waitForJob(client, started.jobId, onUpdate);
  } catch (error) {
    if (!lines) io.stderr.write('\r\x1b[K');
    const message = (error as Error).message;
    if (lines) emit({ type: 'failed', uploadId: started.uploadId, error: message, resume: resumeHint });
    io.stderr.write(`ferry upload: ${message}\n${resumeHint}\n`);
    return 1;
  }
  if (!lines) io.stderr.write('\r\x1b[K');
  const record = (await client.call('upload:list', { limit: 1000 })).find((u) => u.uploadId === started.uploadId);
  if (!record || record.state !== 'completed') {
    const state = record?.state ?? 'unknown';
    if (lines) emit({ type: state, uploadId: started.uploadId, resume: resumeHint });
    else io.stderr.write(`Upload ${started.uploadId} ${state}. ${resumeHint}\n`);
    return 1;
  }
  if (lines) {
    emit({ type: 'completed', uploadId: record.uploadId, bucket: record.bucket, key: record.key, size: record.fileSize, etag: record.etag, url: record.url, expiresAt: record.urlExpiresAt });
  } else {
    io.stderr.write(`Uploaded ${humanSize(record.fileSize)} to ${record.bucket}/${record.key} (ETag ${record.etag}, ${record.partCount} parts).\n`);
    io.stderr.write(`Paste this link into DataWorks "Upload from OSS" (valid until ${record.urlExpiresAt}):\n`);
    io.stdout.write(`${record.url}\n`);
  }
  return 0;
}
