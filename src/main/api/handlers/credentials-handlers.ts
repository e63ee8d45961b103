import {
  deleteSavedAccessKey,
  listSavedAccessKeys,
  saveAccessKey,
  vaultUnavailableReason,
} from '../../storage/credentials';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

type CredentialsMethod = 'credentials:list' | 'credentials:save' | 'credentials:delete';

/**
 * Saved access keys over the desktop app's keychain-encrypted vault. Secrets come in once (save) and are never
 * returned: list gives names and the id's last 4 characters. Without a usable vault, list says why and the others
 * are refused (`unsupported`).
 */
export function credentialsHandlers(deps: HandlerDeps): Pick<Handlers, CredentialsMethod> {
  const vault = deps.credentialVault;
  return {
    'credentials:list': async () => {
      const reason = vaultUnavailableReason(vault);
      if (reason) return { available: false, reason, credentials: [] };
      return { available: true, reason: null, credentials: await listSavedAccessKeys(vault) };
    },
    'credentials:save': ({ name, accessKeyId, accessKeySecret }) =>
      saveAccessKey(vault, name, { accessKeyId, secretAccessKey: accessKeySecret }),
    'credentials:delete': async ({ name }) => ({ deleted: await deleteSavedAccessKey(vault, name) }),
  };
}
