import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { CloudImportRecord } from '../../shared/model/cloud-import';
import type { CloudCredentialSource } from '../../shared/model/cloud-import';
import type { Job } from '../../shared/model/job';
import { readProfileArg } from './job-progress';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { waitForJob } from './wait-for-job';

const usage =
  'Usage: ferry cloud import <package.zip | url> --profile <profile.yaml> --project-id <id> --region <region>\n' +
  '                          [--endpoint URL] [--name N] [--description D] [--credentials <file>] [--poll-interval S] [--json]\n' +
  '       ferry cloud follow <import-id> [--credentials <file>] [--poll-interval S] [--json]   (follow a stopped import again)\n' +
  '       ferry cloud list [--json]\n' +
  'A local package may be at most 30 MB; upload a larger one with `ferry upload` and import the link it prints.\n' +
  'Credentials: FERRY_DATAWORKS_ACCESS_KEY_ID / FERRY_DATAWORKS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET),\n' +
  'or --credentials <file> (JSON or name = value lines with accessKeyId and accessKeySecret; chmod 600).';

/** A DataWorks import task name from a file or URL name: letters, digits, `_` and `.` only. */
export function defaultTaskName(ref: string): string {
  const base = path.basename(/^https?:\/\//.test(ref) ? new URL(ref).pathname : ref).replace(/\.zip$/i, '');
  const name = base
    .replace(/[^A-Za-z0-9_.]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 128);
  return name || 'ferry_import';
}

/** `ferry cloud import` and `ferry cloud list`. */
export async function cloudCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.args;
  if (sub === 'import') return cloudImport({ ...ctx, args: rest });
  if (sub === 'list') return cloudList({ ...ctx, args: rest });
  if (sub === 'follow') return cloudFollow({ ...ctx, args: rest });
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    ctx.io.stdout.write(`${usage}\n`);
    return 0;
  }
  throw new FerryError('bad-request', `Unknown cloud command '${sub}'.\n${usage}`);
}

function describeRecord(r: CloudImportRecord): string {
  const states = r.states.map((s) => s.state).join(' -> ');
  return `DataWorks migration ${r.migrationId ?? '(none)'} in project ${r.projectId}: ${r.state} (${states})`;
}

async function cloudImport({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    profile: { type: 'string' },
    'project-id': { type: 'string' },
    region: { type: 'string' },
    endpoint: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    credentials: { type: 'string' },
    'poll-interval': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !values.profile || !values['project-id'] || !values.region)
    throw new FerryError('bad-request', usage);
  const projectId = Number(values['project-id']);
  if (!Number.isInteger(projectId) || projectId < 1)
    throw new FerryError('bad-request', `--project-id is the DataWorks workspace's numeric id.\n${usage}`);
  const pollIntervalMs = pollInterval(values['poll-interval']);
  const ref = positionals[0];
  const isUrl = /^https?:\/\//i.test(ref);
  const credentials: CloudCredentialSource = values.credentials
    ? { source: 'file', path: path.resolve(values.credentials) }
    : { source: 'env' };
  const profile = await readProfileArg(client, path.resolve(values.profile));
  const lines = values.json || io.stderr.isTTY !== true;

  const started = await client.call('cloud:import', {
    ...(isUrl ? { url: ref } : { packagePath: path.resolve(ref) }),
    profile,
    projectId,
    region: values.region,
    endpoint: values.endpoint,
    name: values.name ?? defaultTaskName(ref),
    description: values.description,
    credentials,
    pollIntervalMs,
  });
  return followToEnd(client, io, started, lines);
}

/** Waits for a cloud import job, showing each state; prints the final record. Exit 0 only for IMPORT_SUCCESS. */
async function followToEnd(
  client: CommandContext['client'],
  io: CommandContext['io'],
  started: { jobId: string; importId: string },
  lines: boolean,
): Promise<number> {
  const emit = (record: Record<string, unknown>) => io.stdout.write(`${JSON.stringify(record)}\n`);
  let lastStep = '';
  const onUpdate = (job: Job) => {
    if (job.step === lastStep) return;
    lastStep = job.step;
    if (lines)
      emit({
        type: 'progress',
        importId: started.importId,
        step: job.step,
        done: job.progress.done,
        total: job.progress.total,
      });
    else io.stderr.write(`\r${job.step}\x1b[K`);
  };
  let failure: string | null = null;
  try {
    await waitForJob(client, started.jobId, onUpdate);
  } catch (error) {
    failure = (error as Error).message;
  }
  if (!lines) io.stderr.write('\r\x1b[K');
  const record = (await client.call('cloud:imports', { limit: 1000 })).find((r) => r.id === started.importId);
  if (lines) {
    emit({ type: 'result', ...(record ?? { id: started.importId }), ...(failure ? { failure } : {}) });
  } else {
    if (record) io.stdout.write(`${describeRecord(record)}\n`);
    const reason = typeof record?.summary?.ErrorMessage === 'string' ? record.summary.ErrorMessage : null;
    if (reason && record?.state !== 'IMPORT_SUCCESS') io.stdout.write(`DataWorks says: ${reason}\n`);
  }
  if (failure) io.stderr.write(`ferry cloud import: ${failure}\n`);
  return record?.state === 'IMPORT_SUCCESS' ? 0 : 1;
}

async function cloudFollow({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    credentials: { type: 'string' },
    'poll-interval': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new FerryError('bad-request', usage);
  const started = await client.call('cloud:follow', {
    importId: positionals[0],
    credentials: values.credentials ? { source: 'file', path: path.resolve(values.credentials) } : undefined,
    pollIntervalMs: pollInterval(values['poll-interval']),
  });
  return followToEnd(client, io, started, values.json || io.stderr.isTTY !== true);
}

function pollInterval(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!(seconds > 0) || seconds > 60)
    throw new FerryError('bad-request', '--poll-interval is in seconds, more than 0 and at most 60.');
  return Math.max(1, Math.round(seconds * 1000));
}

async function cloudList({ client, args, io }: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
  const records = await client.call('cloud:imports', { limit: 1000 });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    return 0;
  }
  if (records.length === 0) io.stdout.write('No DataWorks cloud imports yet.\n');
  for (const r of records)
    io.stdout.write(`${r.createdAt}  ${r.name}  ${r.packageRef}\n  ${describeRecord(r)}\n`);
  return 0;
}
