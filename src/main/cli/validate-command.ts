import { FerryError } from '../../shared/errors';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { passphraseOption, unlockWhenGiven } from './passphrase-option';
import { problemJson, problemLines, runInspection, severityLine } from './inspection-client';

const usage = 'Usage: ferry validate <package.zip|folder|spec.json> [--passphrase-env VAR] [--json]';

/**
 * `ferry validate <package> [--json]`: the same checks as inspect, for scripts and CI. Exit 1 when there is at
 * least one error, 0 otherwise (warnings and info do not fail); 2 for bad usage.
 */
export async function validateCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    ...passphraseOption,
  });
  if (positionals.length !== 1) throw new FerryError('bad-request', usage);
  await unlockWhenGiven(client, positionals[0], values['passphrase-env']);
  const json = values.json === true;
  const { summary, problems } = await runInspection(client, positionals[0], io, json);
  const valid = summary.problemCounts.error === 0;

  if (json) {
    const output = {
      format: summary.format,
      sourcePath: summary.sourcePath,
      projectIdentifier: summary.projectIdentifier,
      valid,
      problemCounts: summary.problemCounts,
      problems: problems.map(problemJson),
    };
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return valid ? 0 : 1;
  }

  // Info lines are context (external roots, data sources the destination must have), not findings to act on.
  const shown = problems.filter((p) => p.severity !== 'info');
  if (shown.length > 0) io.stdout.write(problemLines(shown));
  const verdict = valid ? 'valid' : 'not valid';
  io.stdout.write(`${summary.sourcePath}: ${verdict} (${severityLine(summary.problemCounts)})\n`);
  return valid ? 0 : 1;
}
