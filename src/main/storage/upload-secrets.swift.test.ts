import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFerryClient } from '../../shared/api/client';
import { inProcessTransport } from '../api/in-process-transport';
import { createBackend } from '../app/create-backend';
import { runCli } from '../cli/run-cli';
import { waitForJob } from '../cli/wait-for-job';
import { createCredentialVault } from '../electron/credential-vault';
import { fakeSafeStorage } from '../electron/fake-safe-storage';
import { createBucket, randomFile, testKey } from './test-support/upload-fixture';

/**
 * No secret on disk: uploads through the real backend and the CLI (success, missing bucket, wrong secret, a profile
 * file), then every file in the user-data folder (history database with its WAL, the backend log, the CLI's stderr
 * kept as a log) is searched for the secret and the access key id, plain and URL-encoded. The same for a desktop
 * backend whose access keys are saved in the credential vault (with a FAKE safeStorage: Electron cannot run here).
 */
const swift = inject('swift');
let root: string;
let home: string;
let pkg: string;
const saved = { ...process.env };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-upload-secrets-'));
  home = path.join(root, 'home');
  pkg = randomFile(root, 'pkg.zip', 12 * 1024 * 1024);
  await createBucket(swift.endpoint, 'secrets');
  process.env.FERRY_OSS_ACCESS_KEY_ID = testKey.accessKeyId;
  process.env.FERRY_OSS_ACCESS_KEY_SECRET = testKey.secretAccessKey;
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

const logFile = () => path.join(home, 'ferry.log');
const backend = () =>
  createBackend({ userDataDir: home, mode: 'web', version: 'test', log: (line) => fs.appendFileSync(logFile(), `${line}\n`) });

function sink(file: string): Writable & { isTTY?: boolean } {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      fs.appendFileSync(file, chunk);
      done();
    },
  });
}

async function cli(args: string[]): Promise<number> {
  fs.mkdirSync(home, { recursive: true });
  return runCli(['upload', ...args], { backend, stdout: sink(path.join(root, 'stdout.txt')), stderr: sink(path.join(home, 'cli-stderr.log')), version: 'test' });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('no secret on disk', () => {
  it('keeps the secret and the key id out of history, logs and API results', async () => {
    const base = ['--endpoint', swift.endpoint, '--path-style', '--json'];
    expect(await cli([pkg, '--bucket', 'secrets', ...base])).toBe(0);
    expect(await cli([pkg, '--bucket', 'no-such-bucket', ...base])).toBe(1);
    process.env.FERRY_OSS_ACCESS_KEY_SECRET = 'Wrong-Secret-5e1d';
    expect(await cli([pkg, '--bucket', 'secrets', '--key', 'wrong.zip', ...base])).toBe(1);
    process.env.FERRY_OSS_ACCESS_KEY_SECRET = testKey.secretAccessKey;
    const profile = path.join(root, 'oss-profile.ini');
    fs.writeFileSync(profile, `access_key_id = ${testKey.accessKeyId}\naccess_key_secret = ${testKey.secretAccessKey}\n`, { mode: 0o600 });
    delete process.env.FERRY_OSS_ACCESS_KEY_ID;
    delete process.env.FERRY_OSS_ACCESS_KEY_SECRET;
    expect(await cli([pkg, '--bucket', 'secrets', '--key', 'from-file.zip', '--credentials', profile, ...base])).toBe(0);

    // The link is the product: it carries the key id (never the secret) and goes to stdout only.
    const stdout = fs.readFileSync(path.join(root, 'stdout.txt'), 'utf8');
    expect(stdout).toContain('"type":"completed"');
    expect(stdout).not.toContain(testKey.secretAccessKey);
    const stderr = fs.readFileSync(path.join(home, 'cli-stderr.log'), 'utf8');
    expect(stderr).toMatch(/NoSuchBucket/);
    expect(stderr).toMatch(/SignatureDoesNotMatch/);

    const b = backend();
    const uploads = await createFerryClient(inProcessTransport(b)).call('upload:list', {});
    await b.close();
    expect(uploads.map((u) => u.state).sort()).toEqual(['completed', 'completed', 'failed', 'failed']);
    const apiText = JSON.stringify(uploads.map((u) => ({ ...u, url: null })));
    expect(apiText).toContain('…ader');

    const needles = [testKey.secretAccessKey, testKey.accessKeyId, encodeURIComponent(testKey.accessKeyId), 'Wrong-Secret-5e1d'];
    const files = filesUnder(home);
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['history.db', 'cli-stderr.log']));
    const found: string[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of needles) if (bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${path.basename(file)}: ${needle}`);
    }
    for (const needle of needles) if (apiText.includes(needle)) found.push(`upload:list: ${needle}`);
    expect(found).toEqual([]);
  });

  it('uploads with a key saved in the vault, which keeps only ciphertext; the secret is nowhere else', async () => {
    delete process.env.FERRY_OSS_ACCESS_KEY_ID;
    delete process.env.FERRY_OSS_ACCESS_KEY_SECRET;
    const desktopHome = path.join(root, 'desktop-home');
    const desktopLog = path.join(desktopHome, 'main.log');
    fs.mkdirSync(desktopHome, { recursive: true });
    const vaultFile = path.join(desktopHome, 'credentials.json');
    const b = createBackend({
      userDataDir: desktopHome,
      mode: 'desktop',
      version: 'test',
      log: (line) => fs.appendFileSync(desktopLog, `${line}\n`),
      credentialVault: createCredentialVault({ filePath: vaultFile, cipher: fakeSafeStorage(), platform: 'linux' }),
    });
    const client = createFerryClient(inProcessTransport(b));
    const results: unknown[] = [];
    const call: typeof client.call = async (method, input) => {
      const result = await client.call(method, input);
      results.push(result);
      return result;
    };
    await call('credentials:save', { name: 'swift', accessKeyId: testKey.accessKeyId, accessKeySecret: testKey.secretAccessKey });
    await call('credentials:save', { name: 'wrong', accessKeyId: testKey.accessKeyId, accessKeySecret: 'Wrong-Secret-5e1d' });
    expect((await call('credentials:list', {})).credentials).toEqual([
      { name: 'swift', accessKeyHint: '…ader' },
      { name: 'wrong', accessKeyHint: '…ader' },
    ]);
    const target = { endpoint: swift.endpoint, bucket: 'secrets', pathStyle: true };
    const good = await call('upload:start', { ...target, path: pkg, key: 'from-vault.zip', credentials: { source: 'vault', name: 'swift' } });
    const goodJob = await waitForJob(client, good.jobId);
    expect(goodJob.state).toBe('succeeded');
    const bad = await call('upload:start', { ...target, path: pkg, key: 'wrong-vault.zip', credentials: { source: 'vault', name: 'wrong' } });
    const badJob = await waitForJob(client, bad.jobId).catch((error: unknown) => error);
    results.push(badJob instanceof Error ? badJob.message : badJob);
    const uploads = await call('upload:list', {});
    const states = Object.fromEntries(uploads.map((u) => [u.key, [u.state, u.credentialSource]]));
    expect(states).toEqual({ 'from-vault.zip': ['completed', 'vault:swift'], 'wrong-vault.zip': ['failed', 'vault:wrong'] });
    // Resume reads the source back from history (vault:wrong): fix the saved pair, and the failed upload completes.
    await call('credentials:save', { name: 'wrong', accessKeyId: testKey.accessKeyId, accessKeySecret: testKey.secretAccessKey });
    const resumed = await call('upload:resume', { uploadId: bad.uploadId });
    expect((await waitForJob(client, resumed.jobId)).state).toBe('succeeded');
    // The link carries the key id by design (it is the product), so it is left out of the grep below.
    expect((await client.call('upload:url', { uploadId: good.uploadId })).url).toContain('from-vault.zip');

    const needles = [testKey.secretAccessKey, testKey.accessKeyId, encodeURIComponent(testKey.accessKeyId), 'Wrong-Secret-5e1d'];
    const grep = (): string[] => {
      const found: string[] = [];
      for (const file of filesUnder(desktopHome)) {
        const bytes = fs.readFileSync(file);
        for (const needle of needles)
          if (bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${path.basename(file)}: ${needle}`);
      }
      return found;
    };
    // While open (the WAL holds the recent writes) and after close (checkpointed into history.db).
    expect(filesUnder(desktopHome).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['history.db', 'credentials.json']));
    expect(grep()).toEqual([]);
    await b.close();
    expect(grep()).toEqual([]);
    expect(Object.keys((JSON.parse(fs.readFileSync(vaultFile, 'utf8')) as { entries: object }).entries)).toEqual([
      'access-key:swift',
      'access-key:wrong',
    ]);
    const apiText = JSON.stringify(results, (k, v: unknown) => (k === 'url' ? null : v));
    expect(needles.filter((n) => apiText.includes(n))).toEqual([]);
  });
});
