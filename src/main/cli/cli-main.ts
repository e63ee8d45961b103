import { createBackend } from '../app/create-backend';
import { defaultUserDataDir } from '../app/user-data-dir';
import { ferryVersion } from '../app/version';
import { runCli } from './run-cli';

// A reader that stops early (`ferry report 1 --format json | head`) closes the pipe: stop quietly, as Unix tools do,
// instead of a stack trace for the EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const backend = () => createBackend({ userDataDir: defaultUserDataDir(), mode: 'web', version: ferryVersion });

runCli(process.argv.slice(2), { backend, stdout: process.stdout, stderr: process.stderr, version: ferryVersion })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`ferry: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
