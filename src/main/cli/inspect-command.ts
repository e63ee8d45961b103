import { FerryError } from '../../shared/errors';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { passphraseOption, unlockWhenGiven } from './passphrase-option';
import { countList, fetchObjects, problemJson, problemLines, runInspection, severityLine } from './inspection-client';

const usage = 'Usage: ferry inspect <package.zip|folder|spec.json> [--passphrase-env VAR] [--json]';

/**
 * `ferry inspect <package> [--json]`: what a package holds and every problem in it. Exit 0 whatever the problems
 * (use `ferry validate` to fail on errors). The JSON shape is documented in docs/cli.md.
 */
export async function inspectCommand({ client, args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    ...passphraseOption,
  });
  if (positionals.length !== 1) throw new FerryError('bad-request', usage);
  await unlockWhenGiven(client, positionals[0], values['passphrase-env']);
  const json = values.json === true;
  const { jobId, summary, problems } = await runInspection(client, positionals[0], io, json);

  if (json) {
    const objects = (await fetchObjects(client, jobId)).map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      type: row.type,
      workflow: row.workflow,
      workflowId: row.workflowId,
      path: row.path,
      owner: row.owner,
      engine: row.engine,
      dependsOn: row.dependsOn,
      problemCount: row.problemCount,
    }));
    const output = {
      format: summary.format,
      container: summary.container,
      sourcePath: summary.sourcePath,
      projectIdentifier: summary.projectIdentifier,
      objectCount: summary.objectCount,
      counts: summary.counts,
      problemCounts: summary.problemCounts,
      objects,
      problems: problems.map(problemJson),
    };
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  }

  const { counts } = summary;
  const workflows = Object.fromEntries(counts.byWorkflow.map((w) => [w.name, w.count]));
  io.stdout.write(
    [
      `Package       ${summary.sourcePath}`,
      `Format        ${summary.format} (${summary.container})`,
      `Project       ${summary.projectIdentifier ?? 'unknown'}`,
      `Objects       ${summary.objectCount}: ${countList(counts.byKind)}`,
      `Node types    ${countList(counts.byNodeType)}`,
      `Engines       ${countList(counts.byEngine)}`,
      `Workflows     ${countList(workflows)}`,
      `Owners        ${countList(counts.byOwner, 6)}`,
      `Dependencies  ${counts.dependencies.internal} inside the package, ${counts.dependencies.external} pointing outside`,
      `Problems      ${severityLine(summary.problemCounts)}`,
      '',
    ].join('\n'),
  );
  if (problems.length > 0) io.stdout.write(`\n${problemLines(problems)}`);
  return 0;
}
