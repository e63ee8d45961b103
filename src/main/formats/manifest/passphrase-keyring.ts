import path from 'node:path';

/**
 * The passphrases of signed packages given in this session (the app's process, or one CLI command), by absolute
 * path: a package is unlocked once and every later read of it (inspect, suggestions, plan) checks its signature with
 * the same passphrase, as ssh-agent holds a key. Kept in memory only: never written to disk, the history or a log.
 */
const byPath = new Map<string, string>();

export function rememberPassphrase(packagePath: string, passphrase: string): void {
  byPath.set(path.resolve(packagePath), passphrase);
}

/** The passphrase given for this package in this session, if any. */
export function passphraseFor(packagePath: string): string | undefined {
  return byPath.get(path.resolve(packagePath));
}
