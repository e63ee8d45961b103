import type { FerryClient } from '../../shared/api/client';
import { FerryError } from '../../shared/errors';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PlanHead } from '../../shared/model/plan-session';
import { followJob, plural, readProfileArg } from './job-progress';
import type { CliIo, CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { passphraseOption, unlockWhenGiven } from './passphrase-option';

const usage =
  'Usage: ferry plan <package> --dest <workspace> --profile <profile.yaml> [-o plan.json] [--source <workspace>] [--executor <account>] [--passphrase-env VAR] [--json]';

export interface PlanOptions {
  packagePath: string;
  destinationPath: string;
  profile: MappingProfile;
  sourceWorkspacePath?: string;
  executor?: string;
}

/** Runs plan:create and waits; returns the plan job and its head. */
export async function makePlan(client: FerryClient, io: CliIo, options: PlanOptions, json: boolean): Promise<{ jobId: string; head: PlanHead }> {
  const { jobId } = await client.call('plan:create', options);
  await followJob(client, jobId, io, json);
  return { jobId, head: await client.call('plan:summary', { jobId }) };
}

/** The plan as people read it: counts, what blocks the import, findings. */
export function describePlan(head: PlanHead): string {
  const s = head.summary;
  const lines = [
    `Plan: ${head.source.path} -> ${head.destination.path} (${head.destination.projectIdentifier}), profile ${head.profileName}`,
    `${plural(s.total, 'object')}: ${s.create} create, ${s.update} update, ${s.unchanged} unchanged, ${s.conflict} conflict, ${s.excluded} excluded; ${s.dryRun} dry-run, ${s.codeChanged} with rewritten code`,
    `Waves: ${head.waves.length} (${[...new Set(head.waves.map((w) => w.kind))].join(', ')})`,
  ];
  if (head.gate.length > 0) {
    lines.push(`Gate: ${plural(head.gate.length, 'reference')} neither mapped nor ignored:`);
    for (const g of head.gate) lines.push(`  ${g.kind} ${g.source} [${g.fix}]: ${g.message}`);
  }
  const shown = head.findings.filter((f) => f.severity !== 'info');
  if (shown.length > 0) {
    lines.push(`Findings: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}:`);
    for (const f of shown) lines.push(`  ${f.severity} ${f.code} (${f.rule}): ${f.message}`);
  }
  lines.push(
    s.importable
      ? 'Import: ready'
      : `Import: blocked (${plural(s.gate, 'gate item')}, ${plural(s.conflict, 'conflict')}, ${plural(s.errors, 'error')})`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `ferry plan`: the preview of an import, through the same API as the UI. Prints the summary, the gate and the
 * findings (or the plan head as JSON) and saves the plan with -o. Exit 0 when the plan is importable, 1 when the gate,
 * a conflict or an error blocks the import, 2 on bad usage.
 */
export async function planCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    dest: { type: 'string' },
    profile: { type: 'string' },
    output: { type: 'string', short: 'o' },
    source: { type: 'string' },
    executor: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    ...passphraseOption,
  });
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !values.dest || !values.profile) throw new FerryError('bad-request', usage);
  const profile = await readProfileArg(client, values.profile);
  const json = values.json === true;
  await unlockWhenGiven(client, positionals[0], values['passphrase-env']);
  const { jobId, head } = await makePlan(
    client,
    io,
    { packagePath: positionals[0], destinationPath: values.dest, profile, sourceWorkspacePath: values.source, executor: values.executor },
    json,
  );
  let planPath: string | null = null;
  if (values.output) planPath = (await client.call('plan:save', { jobId, path: values.output })).path;
  if (json) io.stdout.write(`${JSON.stringify({ ...head, planPath }, null, 2)}\n`);
  else io.stdout.write(describePlan(head) + (planPath ? `Saved ${planPath}\n` : ''));
  return head.summary.importable ? 0 : 1;
}
