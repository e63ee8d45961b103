import { createBackend } from '../app/create-backend';
import { defaultUserDataDir } from '../app/user-data-dir';
import { ferryVersion } from '../app/version';
import { runCli } from './run-cli';

const backend = () => createBackend({ userDataDir: defaultUserDataDir(), mode: 'web', version: ferryVersion });

runCli(process.argv.slice(2), { backend, stdout: process.stdout, stderr: process.stderr, version: ferryVersion })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`ferry: ${(error as Error).message}\n`);
    process.exitCode = 2;
  });
