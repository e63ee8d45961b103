import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import { FerryError, toErrorShape } from '../../shared/errors';
import type { Backend } from '../app/create-backend';
import { inProcessTransport } from '../api/in-process-transport';
import { cloudCommand } from './cloud-command';
import { exportCommand } from './export-command';
import { historyCommand } from './history-command';
import { importCommand } from './import-command';
import { inspectCommand } from './inspect-command';
import { listCommand } from './list-command';
import { planCommand } from './plan-command';
import { profileCommand } from './profile-command';
import { reportCommand } from './report-command';
import { uploadCommand } from './upload-command';
import { validateCommand } from './validate-command';

export interface CliIo {
  backend: () => Backend;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  version: string;
}

export interface CommandContext {
  client: FerryClient;
  args: string[];
  io: CliIo;
}

const usage = `Usage: ferry <command> [options]

Commands:
  list <package.zip> [--json]   List the entries of a package (and record it in history)
  inspect <package> [--json]    Summarise a package (zip, folder or FlowSpec file) and list every problem
  validate <package> [--json]   Check a package; exit 1 when it has errors
  export <workspace> -o <zip>   Export a workspace folder into a SPEC package (ferry export --help)
  profile suggest|validate|save|list|export
                                Mapping profiles (ferry profile --help)
  plan <package> --dest <workspace> --profile <profile.yaml> [-o plan.json] [--json]
                                Preview an import; exit 1 when the gate, a conflict or an error blocks it
  import <plan.json> | import <package> --dest <workspace> --profile <profile.yaml> [--name N] [--remarks R]
                                Import a saved plan, or plan and import a package (ferry import --help)
  history [--json]              Import tasks with state, time, package, destination and counts
  report <task> --format html|csv|json [-o file]
                                An import task's report
  upload <package> --endpoint <url> --bucket <name> [--key K] [--path-style] [--credentials file] [--resume] [--json]
                                Upload a package to OSS (any S3 endpoint) and print a download link (ferry upload --help)
  cloud import <package|url> --profile <profile.yaml> --project-id <id> --region <r>
                                Import into DataWorks through its OpenAPI and follow it to a final state (ferry cloud --help)
  --version                     Print the version
  help                          Show this help
`;

const commands: Record<string, (ctx: CommandContext) => Promise<number>> = {
  list: listCommand,
  inspect: inspectCommand,
  validate: validateCommand,
  export: exportCommand,
  profile: profileCommand,
  plan: planCommand,
  import: importCommand,
  history: historyCommand,
  report: reportCommand,
  upload: uploadCommand,
  cloud: cloudCommand,
};

/** The headless CLI: every command goes through the same API contract as the UI. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${io.version}\n`);
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(usage);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`ferry: unknown command '${name}'.\n\n${usage}`);
    return 2;
  }
  const backend = io.backend();
  try {
    return await command({ client: createFerryClient(inProcessTransport(backend)), args: rest, io });
  } catch (error) {
    const shape = toErrorShape(error);
    io.stderr.write(`ferry ${name}: ${shape.message}\n`);
    return error instanceof FerryError && error.code === 'bad-request' ? 2 : 1;
  } finally {
    await backend.close();
  }
}

/** parseArgs with Ferry's conventions: unknown options are errors that say what was wrong. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new FerryError('bad-request', (error as Error).message);
  }
}
