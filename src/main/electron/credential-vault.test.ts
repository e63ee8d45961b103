import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialVault } from './credential-vault';
import { fakeSafeStorage } from './fake-safe-storage';

const fakeCipher = fakeSafeStorage;

const dirs: string[] = [];
function vaultFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-vault-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'credentials.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createCredentialVault', () => {
  it('round-trips secrets and keeps only ciphertext on disk', async () => {
    const filePath = vaultFile();
    const vault = createCredentialVault({ filePath, cipher: fakeCipher(), platform: 'linux' });
    await vault.set('oss:default:secret', 'S3cr3t-Key');
    expect(await vault.get('oss:default:secret')).toBe('S3cr3t-Key');
    expect(await vault.get('missing')).toBeNull();
    expect(await vault.get('constructor')).toBeNull(); // not an inherited Object property
    expect(await vault.names()).toEqual(['oss:default:secret']);
    expect(readFileSync(filePath, 'utf8')).not.toContain('S3cr3t');
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600);
    expect(await vault.delete('oss:default:secret')).toBe(true);
    expect(await vault.delete('oss:default:secret')).toBe(false);
  });

  it('refuses to store when encryption is unavailable', async () => {
    const vault = createCredentialVault({
      filePath: vaultFile(),
      cipher: fakeCipher(false),
      platform: 'darwin',
    });
    expect(vault.isAvailable()).toBe(false);
    await expect(vault.set('k', 'v')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it("refuses Linux's basic_text fallback, which is not real encryption", async () => {
    const vault = createCredentialVault({
      filePath: vaultFile(),
      cipher: fakeCipher(true, 'basic_text'),
      platform: 'linux',
    });
    expect(vault.isAvailable()).toBe(false);
    await expect(vault.set('k', 'v')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('rejects odd names', async () => {
    const vault = createCredentialVault({ filePath: vaultFile(), cipher: fakeCipher(), platform: 'linux' });
    await expect(vault.set('../x', 'v')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(vault.get('')).rejects.toMatchObject({ code: 'bad-request' });
  });
});
