import path from 'node:path';
import { app, safeStorage } from 'electron';
import { createCredentialVault, type CredentialVault } from './credential-vault';

/**
 * The desktop credential vault: `<userData>/credentials.json`, encrypted with safeStorage (Keychain, DPAPI,
 * libsecret/kwallet). Call after `app.whenReady()`: on Linux safeStorage reports unavailable before that.
 * Not wired into the backend yet; pass it in when the OSS upload step lands.
 */
export function createDesktopCredentialVault(): CredentialVault {
  return createCredentialVault({
    filePath: path.join(app.getPath('userData'), 'credentials.json'),
    cipher: safeStorage,
  });
}
