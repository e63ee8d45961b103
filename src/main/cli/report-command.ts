import { FerryError } from '../../shared/errors';
import { writeOutput } from './job-progress';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';

const usage = 'Usage: ferry report <task id or name> --format html|csv|json [-o file]';
const formats = ['html', 'csv', 'json'] as const;

/** `ferry report`: an import task's report (by id, or the newest task of that name), to a file or stdout. */
export async function reportCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', short: 'f', default: 'html' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length !== 1) throw new FerryError('bad-request', usage);
  const format = formats.find((f) => f === values.format);
  if (!format) throw new FerryError('bad-request', `--format must be html, csv or json, not "${values.format}".`);
  const ref = positionals[0];
  let taskId = /^\d+$/.test(ref) ? Number(ref) : null;
  if (taskId === null) {
    const found = (await client.call('history:tasks', { limit: 1000 })).find((t) => t.name === ref);
    if (!found) throw new FerryError('not-found', `No import task named ${ref} (ferry history lists them).`);
    taskId = found.id;
  }
  const written = await client.call('report:export', { taskId, format, path: values.output });
  if (written.path) io.stderr.write(`Wrote ${written.path}\n`);
  else await writeOutput(io, undefined, written.content ?? '');
  return 0;
}
