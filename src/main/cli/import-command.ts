import { FerryError } from '../../shared/errors';
import { importTaskNameSchema, importTaskStateLabels } from '../../shared/model/import-task';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { followJob, readProfileArg } from './job-progress';
import { describePlan, makePlan } from './plan-command';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { readPlanFile, readPlanHead } from '../plan/plan-file';
import { passphraseOption, unlockWhenGiven } from './passphrase-option';

const usage =
  'Usage: ferry import <plan.json> [--name N] [--remarks R] [--profile <profile.yaml>] [--passphrase-env VAR] [--json]\n' +
  '       ferry import <package> --dest <workspace> --profile <profile.yaml> [--name N] [--remarks R] [-o plan.json] [--source <workspace>] [--executor <account>] [--passphrase-env VAR] [--json]\n' +
  '       ferry import --again <task id or name> [--passphrase-env VAR] [--json]';

/** import_20240701_100000: the default task name (letters, digits and underscore only). */
function defaultName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `import_${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}_${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/**
 * `ferry import`: applies a saved plan (the profile it was made with is found in history by its hash, or given with
 * --profile), or plans a package and imports it at once, or (`--again <task>`) runs an unfinished task again
 * (API `import:again`: a killed run resumes, failed objects are retried). Exit 0 when the task completed, 1 when the plan is blocked
 * or the import did not complete (see `ferry history` and `ferry report`), 2 on bad usage.
 */
export async function importCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    dest: { type: 'string' },
    profile: { type: 'string' },
    name: { type: 'string' },
    remarks: { type: 'string', default: '' },
    output: { type: 'string', short: 'o' },
    source: { type: 'string' },
    executor: { type: 'string' },
    again: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    ...passphraseOption,
  });
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.again !== undefined) {
    const others = ['dest', 'profile', 'name', 'output', 'source', 'executor'].filter((k) => values[k as keyof typeof values] !== undefined);
    if (positionals.length > 0 || others.length > 0 || values.remarks !== '')
      throw new FerryError('bad-request', `--again takes only a task (and --json, --passphrase-env): the task keeps its plan, profile and name.\n${usage}`);
    const taskId = await taskIdOf(client, values.again);
    // The task names its package: a signed one is unlocked before the run reads it again.
    if (values['passphrase-env'] !== undefined) {
      const { task } = await client.call('history:task', { taskId });
      await unlockWhenGiven(client, task.packagePath, values['passphrase-env']);
    }
    const { jobId } = await client.call('import:again', { taskId });
    return followImport(client, io, { jobId, taskId }, values.json === true);
  }
  if (positionals.length !== 1) throw new FerryError('bad-request', usage);
  const name = values.name ?? defaultName();
  const checked = importTaskNameSchema.safeParse(name);
  if (!checked.success) throw new FerryError('bad-request', `--name: ${checked.error.issues[0].message}`);
  const json = values.json === true;
  const profile: MappingProfile | undefined = values.profile ? await readProfileArg(client, values.profile) : undefined;

  let started: { jobId: string; taskId: number };
  if (values.dest) {
    if (!profile) throw new FerryError('bad-request', `--dest needs --profile.\n${usage}`);
    await unlockWhenGiven(client, positionals[0], values['passphrase-env']);
    const plan = await makePlan(
      client,
      io,
      { packagePath: positionals[0], destinationPath: values.dest, profile, sourceWorkspacePath: values.source, executor: values.executor },
      json,
    );
    if (values.output) await client.call('plan:save', { jobId: plan.jobId, path: values.output });
    if (!plan.head.summary.importable) {
      if (json) io.stdout.write(`${JSON.stringify({ plan: plan.head, task: null }, null, 2)}\n`);
      else io.stdout.write(describePlan(plan.head));
      io.stderr.write('ferry import: the plan is blocked; nothing was imported.\n');
      return 1;
    }
    if (!json) io.stderr.write(describePlan(plan.head));
    started = await client.call('import:start', { planJobId: plan.jobId, taskName: name, remarks: values.remarks });
  } else {
    if (values.output || values.source || values.executor)
      throw new FerryError('bad-request', `-o, --source and --executor need --dest (planning a package).\n${usage}`);
    // The plan names its package: a signed one is unlocked before the import reads it.
    if (values['passphrase-env'] !== undefined) await unlockWhenGiven(client, await planPackagePath(positionals[0]), values['passphrase-env']);
    try {
      started = await client.call('import:start', { planPath: positionals[0], taskName: name, remarks: values.remarks, profile });
    } catch (error) {
      // A blocked or stale plan is the plan's problem, not a usage error.
      if (error instanceof FerryError && error.code === 'bad-request' && /gate/.test(error.message)) {
        io.stderr.write(`ferry import: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }

  return followImport(client, io, started, json);
}

/** The package a plan file was made from (its head when laid out as Ferry writes plans, else the whole file). */
async function planPackagePath(planFile: string): Promise<string> {
  const head = await readPlanHead(planFile).catch(() => null);
  return (head ?? (await readPlanFile(planFile))).source.path;
}

/** A task by id, or the newest task of that name (as `ferry report` finds it). */
async function taskIdOf(client: CommandContext['client'], ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const found = (await client.call('history:tasks', { limit: 1000 })).find((t) => t.name === ref);
  if (!found) throw new FerryError('not-found', `No import task named ${ref} (ferry history lists them).`);
  return found.id;
}

/** Follows an import job to its end and prints the task's outcome; exit 0 when the task completed. */
async function followImport(
  client: CommandContext['client'],
  io: CommandContext['io'],
  started: { jobId: string; taskId: number },
  json: boolean,
): Promise<number> {
  try {
    await followJob(client, started.jobId, io, json);
  } catch (error) {
    const detail = await client.call('history:task', { taskId: started.taskId });
    io.stderr.write(
      `ferry import: task ${detail.task.name} (${started.taskId}) ${importTaskStateLabels[detail.task.state]}: ${(error as Error).message}\n`,
    );
    if (json) io.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
    return 1;
  }
  const { task, report } = await client.call('import:result', { jobId: started.jobId });
  if (json) io.stdout.write(`${JSON.stringify({ task, report }, null, 2)}\n`);
  else {
    const r = report.results;
    io.stdout.write(
      [
        `Import task ${task.name} (id ${task.id}): ${importTaskStateLabels[task.state]}`,
        `${r.total} objects: ${r.succeeded} imported, ${r.skipped} skipped, ${r.failed} failed`,
        task.error ? `Error: ${task.error}` : null,
        task.rollbackPath ? `Rollback package: ${task.rollbackPath}` : null,
        `Report: ferry report ${task.id} --format html -o report.html`,
      ]
        .filter((l) => l !== null)
        .join('\n') + '\n',
    );
  }
  return task.state === 'completed' ? 0 : 1;
}
