import { FerryError } from '../../shared/errors';
import type { CloudCredentialSource } from '../../shared/model/cloud-import';
import type { CredentialVault } from '../electron/credential-vault';
import { readCredentialFile, redactSecrets, resolveAccessKey, type AccessKey } from '../storage/credentials';

export type { AccessKey } from '../storage/credentials';
export { accessKeyHint, describeCredentialSource, parseCredentialSource } from '../storage/credentials';

const envPairs: [string, string, string][] = [
  ['FERRY_DATAWORKS_ACCESS_KEY_ID', 'FERRY_DATAWORKS_ACCESS_KEY_SECRET', 'FERRY_DATAWORKS_SECURITY_TOKEN'],
  ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
];

/**
 * The DataWorks access key from the environment (FERRY_DATAWORKS_* first, then ALIBABA_CLOUD_*) or from a private
 * credentials file (same formats as the OSS one: JSON or `name = value` lines, refused when others can read it).
 * or, in the desktop app, from a pair saved in its keychain-encrypted vault (the same store the OSS upload uses).
 * Lives only in memory; history keeps the source and the id's last 4 characters.
 */
export async function resolveDataWorksKey(
  source: CloudCredentialSource,
  env: NodeJS.ProcessEnv = process.env,
  vault?: CredentialVault | null,
): Promise<AccessKey> {
  if (source.source === 'file') return readCredentialFile(source.path);
  if (source.source === 'vault') return resolveAccessKey(source, env, vault);
  for (const [idName, secretName, tokenName] of envPairs) {
    const id = env[idName]?.trim();
    const secret = env[secretName]?.trim();
    if (id && secret) {
      const token = env[tokenName]?.trim();
      return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
    }
    if (id || secret)
      throw new FerryError(
        'bad-request',
        `Set both ${idName} and ${secretName} (only ${id ? idName : secretName} is set).`,
      );
  }
  throw new FerryError(
    'bad-request',
    'No DataWorks access key: set FERRY_DATAWORKS_ACCESS_KEY_ID and FERRY_DATAWORKS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET), or give a credentials file.',
  );
}

export { redactSecrets };
