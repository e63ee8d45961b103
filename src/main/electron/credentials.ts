import path from 'node:path';
import { app, safeStorage } from 'electron';
import { createCredentialVault, type CredentialVault } from './credential-vault';

/**
 * The desktop credential vault: `<userData>/credentials.json`, encrypted with safeStorage (Keychain, DPAPI,
 * libsecret/kwallet). Call after `app.whenReady()`: on Linux safeStorage reports unavailable before that.
 * main.ts passes it to createBackend; it backs the credentials:* methods and `{source: 'vault', name}` credential
 * sources of OSS uploads and DataWorks imports (storage/credentials.ts). The CLI and web mode have none.
 */
export function createDesktopCredentialVault(): CredentialVault {
  return createCredentialVault({
    filePath: path.join(app.getPath('userData'), 'credentials.json'),
    cipher: safeStorage,
  });
}
