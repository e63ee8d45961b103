import type { StringCipher } from './credential-vault';

/**
 * TEST ONLY: a reversible stand-in for Electron's safeStorage (XOR with a constant), because Electron's binary
 * cannot run on the build machines. Enough to prove plain text never reaches the vault file and that the wiring
 * round-trips; it says nothing about the real keychain (Keychain, DPAPI, libsecret/KWallet).
 */
export function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): StringCipher {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b) => xor(b).toString('utf8'),
  };
}
