import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import { inProcessTransport } from '../api/in-process-transport';
import { createBackend, type Backend } from '../app/create-backend';
import { resolveAccessKey } from '../storage/credentials';
import { failureOf } from '../test-support/failure';
import { createCredentialVault, type CredentialVault } from './credential-vault';
import { fakeSafeStorage } from './fake-safe-storage';

// The credential vault wired into the backend, with a FAKE safeStorage (fake-safe-storage.ts): Electron's binary
// cannot run here, so this covers the wiring (handlers, resolveAccessKey, refusals), not the OS keychain.

const secret = 'vAuLt-SeCrEt-0123456789abcdef';
const keyId = 'LTAI5tVaultKeyIdK9Yd';

const open: { dir: string; backend: Backend }[] = [];
afterEach(async () => {
  for (const { dir, backend } of open.splice(0)) {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function setup(options: { mode?: 'desktop' | 'web'; vault?: 'fake' | 'unavailable' | 'none' } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-vault-backend-'));
  const vaultPath = path.join(dir, 'credentials.json');
  const kind = options.vault ?? 'fake';
  const vault: CredentialVault | undefined =
    kind === 'none'
      ? undefined
      : createCredentialVault({
          filePath: vaultPath,
          cipher: fakeSafeStorage(kind === 'fake'),
          platform: 'linux',
        });
  const backend = createBackend({
    userDataDir: dir,
    mode: options.mode ?? 'desktop',
    version: 'test',
    credentialVault: vault,
  });
  open.push({ dir, backend });
  const client: FerryClient = createFerryClient(inProcessTransport(backend));
  return { dir, vaultPath, vault, client };
}

describe('credentials:* over the vault (fake safeStorage)', () => {
  it('saves, lists names with the id hint only, resolves for an upload, and deletes', async () => {
    const { client, vault, vaultPath } = setup();
    const saved = await client.call('credentials:save', {
      name: 'prod-oss',
      accessKeyId: keyId,
      accessKeySecret: secret,
    });
    expect(saved).toEqual({ name: 'prod-oss', accessKeyHint: '…K9Yd' });
    const listed = await client.call('credentials:list', {});
    expect(listed).toEqual({
      available: true,
      reason: null,
      credentials: [{ name: 'prod-oss', accessKeyHint: '…K9Yd' }],
    });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toContain(keyId);
    const file = readFileSync(vaultPath, 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(keyId);

    expect(await resolveAccessKey({ source: 'vault', name: 'prod-oss' }, {}, vault)).toEqual({
      accessKeyId: keyId,
      secretAccessKey: secret,
    });

    expect(await client.call('credentials:delete', { name: 'prod-oss' })).toEqual({ deleted: true });
    expect(await client.call('credentials:delete', { name: 'prod-oss' })).toEqual({ deleted: false });
    expect((await client.call('credentials:list', {})).credentials).toEqual([]);
    const missing = await failureOf(resolveAccessKey({ source: 'vault', name: 'prod-oss' }, {}, vault));
    expect(missing).toMatchObject({ code: 'not-found' });
  });

  it('refuses bad names and empty secrets without echoing the secret', async () => {
    const { client } = setup();
    const badName = await failureOf(
      client.call('credentials:save', { name: '../x', accessKeyId: keyId, accessKeySecret: secret }),
    );
    expect(badName).toMatchObject({ code: 'bad-request' });
    expect(JSON.stringify(badName)).not.toContain(secret);
    const empty = await failureOf(
      client.call('credentials:save', { name: 'a', accessKeyId: keyId, accessKeySecret: '  ' }),
    );
    expect(empty).toMatchObject({ code: 'bad-request' });
  });

  it('starts an upload from a vault source only when a vault is there (web mode and the CLI pass none)', async () => {
    const { client, dir } = setup({ mode: 'web', vault: 'none' });
    const pkg = path.join(dir, 'p.zip');
    writeFileSync(pkg, 'x'.repeat(100));
    const list = await client.call('credentials:list', {});
    expect(list).toMatchObject({ available: false, credentials: [] });
    expect(list.reason).toMatch(/environment variables or a credentials file/);
    const save = await failureOf(
      client.call('credentials:save', { name: 'a', accessKeyId: keyId, accessKeySecret: secret }),
    );
    expect(save).toMatchObject({ code: 'unsupported' });
    const start = await failureOf(
      client.call('upload:start', {
        path: pkg,
        endpoint: 'http://127.0.0.1:1',
        bucket: 'bucket',
        credentials: { source: 'vault', name: 'prod-oss' },
      }),
    );
    expect(start).toMatchObject({ code: 'unsupported' });
    expect(start.message).toMatch(/environment variables or a credentials file/);
  });

  it('reports a desktop without a real keychain as unavailable, and refuses to save there', async () => {
    const { client } = setup({ vault: 'unavailable' });
    const list = await client.call('credentials:list', {});
    expect(list.available).toBe(false);
    expect(list.reason).toMatch(/no keychain/);
    expect(
      await failureOf(
        client.call('credentials:save', { name: 'a', accessKeyId: keyId, accessKeySecret: secret }),
      ),
    ).toMatchObject({
      code: 'unsupported',
    });
  });
});
