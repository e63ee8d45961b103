import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import { FerryError, toErrorShape } from '../../shared/errors';
import type { Backend } from '../app/create-backend';
import { inProcessTransport } from '../api/in-process-transport';
import { exportCommand } from './export-command';
import { inspectCommand } from './inspect-command';
import { listCommand } from './list-command';
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
  --version                     Print the version
  help                          Show this help
`;

const commands: Record<string, (ctx: CommandContext) => Promise<number>> = {
  list: listCommand,
  inspect: inspectCommand,
  validate: validateCommand,
  export: exportCommand,
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
