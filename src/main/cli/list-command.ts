import { FerryError } from '../../shared/errors';
import type { ArchiveEntry } from '../../shared/model/package-listing';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { humanSize } from './format';
import { followJob } from './job-progress';

const PAGE = 5000;

/** `ferry list <zip> [--json]`: the entries of a package, like `unzip -l`, or as JSON. */
export async function listCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new FerryError('bad-request', 'Usage: ferry list <package.zip> [--json]');
  const { jobId } = await client.call('package:open', { path: positionals[0] });
  await followJob(client, jobId, io, values.json);
  const summary = await client.call('package:get', { jobId });
  const entries: ArchiveEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call('package:entries', { jobId, offset, limit: PAGE });
    entries.push(...page.entries);
    if (entries.length >= page.total || page.entries.length === 0) break;
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ package: summary, entries }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${summary.path}\n${humanSize(summary.size)}, ${summary.entryCount} entries, sha256 ${summary.sha256}\n\n`);
  io.stdout.write(`${'Size'.padStart(12)}  ${'Modified'.padEnd(19)}  Name\n`);
  for (const entry of entries) {
    const modified = entry.modifiedAt ? entry.modifiedAt.slice(0, 19).replace('T', ' ') : '';
    io.stdout.write(`${String(entry.size).padStart(12)}  ${modified.padEnd(19)}  ${entry.name}\n`);
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  io.stdout.write(`${String(total).padStart(12)}  ${''.padEnd(19)}  ${entries.length} entries\n`);
  return 0;
}
