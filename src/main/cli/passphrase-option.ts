import type { FerryClient } from '../../shared/api/client';
import { FerryError } from '../../shared/errors';

/**
 * `--passphrase-env VAR`: the passphrase of a signed package is read from the environment variable VAR, never from
 * the command line, where other users see it in `ps` and it lands in shell history. `ferry export` signs with it;
 * the commands that read a package check the signature with it.
 */
export const passphraseOption = { 'passphrase-env': { type: 'string' } } as const;

/** The passphrase `--passphrase-env` names; undefined when the option was not given. */
export function passphraseFromEnv(variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  const passphrase = process.env[variable];
  if (!passphrase)
    throw new FerryError('bad-request', `--passphrase-env: the variable ${variable} is not set or empty`);
  return passphrase;
}

/** Unlocks a signed package for this command (API `package:unlock`) when `--passphrase-env` was given. */
export async function unlockWhenGiven(client: FerryClient, packagePath: string, variable: string | undefined): Promise<void> {
  const passphrase = passphraseFromEnv(variable);
  if (passphrase !== undefined) await client.call('package:unlock', { path: packagePath, passphrase });
}
