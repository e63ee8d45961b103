import { FerryError } from '../../shared/errors';
import { importTaskStateLabels } from '../../shared/model/import-task';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';

const usage = 'Usage: ferry history [--limit N] [--json]';

/** `ferry history`: import tasks, newest first, with state, time, package, destination and counts. */
export async function historyCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new FerryError('bad-request', usage);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new FerryError('bad-request', `--limit must be a positive whole number.\n${usage}`);
  const tasks = await client.call('history:tasks', { limit });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(tasks, null, 2)}\n`);
    return 0;
  }
  if (tasks.length === 0) {
    io.stdout.write('No import tasks yet (ferry import).\n');
    return 0;
  }
  for (const t of tasks) {
    const counts = t.results
      ? `${t.results.succeeded} imported, ${t.results.skipped} skipped, ${t.results.failed} failed of ${t.results.total}`
      : `${t.objects} objects planned`;
    io.stdout.write(
      `${t.id}\t${importTaskStateLabels[t.state]}\t${t.finishedAt ?? t.createdAt}\t${t.name}\t${t.packagePath} -> ${t.destinationProject} (${t.destinationPath})\t${counts}\n`,
    );
  }
  return 0;
}
