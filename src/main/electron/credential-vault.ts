import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';

/** The part of Electron's `safeStorage` the vault uses (structural, so tests can pass a fake). */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Secrets (OSS access keys and the like) kept by the main process, encrypted at rest with the OS keychain. */
export interface CredentialVault {
  /** False when the OS offers no real encryption; then `set` and `get` refuse with `unsupported`. */
  isAvailable(): boolean;
  set(name: string, secret: string): Promise<void>;
  get(name: string): Promise<string | null>;
  delete(name: string): Promise<boolean>;
  names(): Promise<string[]>;
}

interface VaultFile {
  version: 1;
  entries: Record<string, string>;
}

const namePattern = /^[a-z0-9][a-z0-9._:-]{0,127}$/i;

/**
 * A vault stored as one JSON file of base64 ciphertexts (mode 0600, replaced atomically). Plain text never touches
 * the disk: when encryption is unavailable, or on Linux when safeStorage fell back to its `basic_text` backend (a
 * hard-coded key, i.e. obfuscation), storing is refused rather than degraded. Secrets are never logged and never
 * sent to the renderer; callers in main hand them straight to the SDK that needs them.
 */
export function createCredentialVault(options: {
  filePath: string;
  cipher: StringCipher;
  platform?: NodeJS.Platform;
}): CredentialVault {
  const { filePath, cipher } = options;
  const platform = options.platform ?? process.platform;

  function isAvailable(): boolean {
    if (!cipher.isEncryptionAvailable()) return false;
    if (platform === 'linux' && cipher.getSelectedStorageBackend) {
      const backend = cipher.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return false;
    }
    return true;
  }

  function requireAvailable(): void {
    if (!isAvailable()) {
      throw new FerryError(
        'unsupported',
        'This system offers no keychain to encrypt credentials with, so Ferry will not store them.',
      );
    }
  }

  function checkName(name: string): void {
    if (!namePattern.test(name))
      throw new FerryError(
        'bad-request',
        'A credential name is 1-128 letters, digits, dot, colon, dash or underscore.',
      );
  }

  async function read(): Promise<VaultFile> {
    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<VaultFile>;
    if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) {
      throw new FerryError(
        'malformed-document',
        `The credential file ${filePath} is not in a format this version understands.`,
      );
    }
    return { version: 1, entries: { ...parsed.entries } };
  }

  async function write(vault: VaultFile): Promise<void> {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    const temp = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, JSON.stringify(vault), { mode: 0o600 });
    await fs.rename(temp, filePath);
  }

  return {
    isAvailable,
    async set(name, secret) {
      checkName(name);
      requireAvailable();
      const vault = await read();
      vault.entries[name] = cipher.encryptString(secret).toString('base64');
      await write(vault);
    },
    async get(name) {
      checkName(name);
      const { entries } = await read();
      if (!Object.hasOwn(entries, name)) return null;
      const stored = entries[name];
      requireAvailable();
      return cipher.decryptString(Buffer.from(stored, 'base64'));
    },
    async delete(name) {
      checkName(name);
      const vault = await read();
      if (!Object.hasOwn(vault.entries, name)) return false;
      delete vault.entries[name];
      await write(vault);
      return true;
    },
    async names() {
      return Object.keys((await read()).entries).sort();
    },
  };
}
