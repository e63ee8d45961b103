import type { FerryClient } from '../../shared/api/client';
import type { InspectionSummary, InspectionProblem, ObjectRow } from '../../shared/model/inspection';
import type { CliIo } from './run-cli';
import { followJob } from './job-progress';

const PAGE = 5000;

/** A finished inspection as the CLI prints it: fetched page by page through the typed client. */
export interface FetchedInspection {
  jobId: string;
  summary: InspectionSummary;
  problems: InspectionProblem[];
}

/**
 * Starts `inspect:start`, waits for the job (progress on stderr only when it is a terminal and output is not
 * JSON, so pipes and scripts see clean streams) and fetches the summary and every problem.
 */
export async function runInspection(
  client: FerryClient,
  path: string,
  io: CliIo,
  json: boolean,
): Promise<FetchedInspection> {
  const { jobId } = await client.call('inspect:start', { path });
  await followJob(client, jobId, io, json);
  const summary = await client.call('inspect:summary', { jobId });
  const problems: InspectionProblem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call('inspect:problems', { jobId, offset, limit: PAGE });
    problems.push(...page.problems);
    if (problems.length >= page.total || page.problems.length === 0) break;
  }
  return { jobId, summary, problems };
}

/** Every object row of a finished inspection. */
export async function fetchObjects(client: FerryClient, jobId: string): Promise<ObjectRow[]> {
  const rows: ObjectRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.call('inspect:objects', { jobId, offset, limit: PAGE, filters: {} });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) break;
  }
  return rows;
}

/** `key 3, other 1`, largest first. */
export function countList(record: Record<string, number>, limit = 12): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = entries.slice(0, limit).map(([key, count]) => `${key} ${count}`);
  if (entries.length > limit) shown.push(`… ${entries.length - limit} more`);
  return shown.length > 0 ? shown.join(', ') : '-';
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `1 error, 2 warnings, 0 info`. */
export function severityLine(counts: { error: number; warning: number; info: number }): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

/** One problem per line: severity, code, message (messages already name the object). */
export function problemLines(problems: readonly InspectionProblem[]): string {
  const width = Math.max(0, ...problems.map((p) => p.code.length));
  return problems.map((p) => `  ${p.severity.padEnd(7)}  ${p.code.padEnd(width)}  ${p.message}\n`).join('');
}

/** A problem as `inspect --json` and `validate --json` print it (docs/cli.md). */
export function problemJson({ severity, code, message, objectId, entry }: InspectionProblem) {
  return { severity, code, message, objectId, entry };
}
