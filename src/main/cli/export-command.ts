import { FerryError } from '../../shared/errors';
import type { ExportResult, ExportType, WithDeps } from '../../shared/model/export';
import { exportTypes, withDepsSchema } from '../../shared/model/export';
import { humanSize } from './format';
import type { CommandContext } from './run-cli';
import { passphraseFromEnv, passphraseOption } from './passphrase-option';
import { parseCommandArgs } from './run-cli';
import { followJob } from './job-progress';

const usage =
  'Usage: ferry export <workspace> -o <out.zip> [--type full|incremental|custom] [--since <date>] [--select <ids,...>] ' +
  '[--workflow <name>] [--node-type <T>] [--folder <glob>] [--with-deps up|down|both] [--passphrase-env VAR] [--force] [--json]';

const list = (values: string[] | undefined) =>
  values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * `ferry export`: a workspace folder into a SPEC package, through the same API as the UI. The type defaults to
 * custom when a selection is given, else full. Exit codes: 0 done, 1 failed or cancelled, 2 bad usage.
 */
export async function exportCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    output: { type: 'string', short: 'o' },
    type: { type: 'string' },
    since: { type: 'string' },
    select: { type: 'string', multiple: true },
    workflow: { type: 'string', multiple: true },
    'node-type': { type: 'string', multiple: true },
    folder: { type: 'string', multiple: true },
    'with-deps': { type: 'string' },
    ...passphraseOption,
    force: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !values.output) throw new FerryError('bad-request', usage);
  const select = {
    ids: list(values.select),
    workflows: list(values.workflow),
    nodeTypes: list(values['node-type']),
    folders: values.folder,
  };
  const hasSelection = Object.values(select).some((v) => v !== undefined && v.length > 0);
  const type = (values.type ??
    (hasSelection ? 'custom' : values.since ? 'incremental' : 'full')) as ExportType;
  if (!exportTypes.includes(type))
    throw new FerryError('bad-request', `--type must be full, incremental or custom, not "${type}"`);
  if (hasSelection && type === 'full')
    throw new FerryError('bad-request', '--select, --workflow, --node-type and --folder need --type custom');
  let withDeps: WithDeps | undefined;
  if (values['with-deps'] !== undefined) {
    const parsed = withDepsSchema.safeParse(values['with-deps']);
    if (!parsed.success)
      throw new FerryError(
        'bad-request',
        `--with-deps must be up, down or both, not "${values['with-deps']}"`,
      );
    withDeps = parsed.data;
  }
  const passphrase = passphraseFromEnv(values['passphrase-env']);

  const { jobId } = await client.call('export:start', {
    workspacePath: positionals[0],
    outPath: values.output,
    type,
    since: values.since,
    select: hasSelection ? select : undefined,
    withDeps,
    passphrase,
    overwrite: values.force,
  });
  await followJob(client, jobId, io, values.json);
  const result = await client.call('export:result', { jobId });
  io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
  return 0;
}

function summary(result: ExportResult): string {
  const c = result.counts;
  const kinds = Object.entries(c.byKind)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
  const basis =
    result.basis.kind === 'baseline'
      ? `compared with the export of ${result.basis.createdAt}`
      : result.basis.kind === 'mtime'
        ? `files modified after ${result.basis.since}`
        : 'no earlier export';
  const lines = [
    `${result.path}`,
    `${humanSize(result.size)}, ${c.files} files, sha256 ${result.sha256}`,
    `${result.type} export of ${result.projectIdentifier}: ${c.objects} objects (${kinds || 'none'})`,
    `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.deleted} deleted (${basis})`,
  ];
  const names = (refs: { name: string }[]) =>
    refs
      .slice(0, 10)
      .map((r) => r.name)
      .join(', ') + (refs.length > 10 ? ', ...' : '');
  if (result.deleted.length > 0) lines.push(`Deleted (not in the package): ${names(result.deleted)}`);
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
