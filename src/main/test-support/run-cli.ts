import { PassThrough } from 'node:stream';
import { createBackend } from '../app/create-backend';
import { runCli } from '../cli/run-cli';

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(isTTY: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY, text: '' });
  out.on('data', (chunk: Buffer) => (out.text += chunk.toString('utf8')));
  return out;
}

/** Runs `ferry <argv>` in this process against a backend in `userDataDir` (web mode), capturing both streams. */
export async function runFerry(userDataDir: string, argv: string[], options: { tty?: boolean } = {}): Promise<CliRun> {
  const stdout = capture(false);
  const stderr = capture(options.tty ?? false);
  const backend = () => createBackend({ userDataDir, mode: 'web', version: 'test' });
  const code = await runCli(argv, { backend, stdout, stderr, version: 'test' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
