import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFerryClient } from '../../shared/api/client';
import { inProcessTransport } from '../api/in-process-transport';
import { createBackend } from '../app/create-backend';
import { runCli } from '../cli/run-cli';
import { createBucket, randomFile, testKey } from './test-support/upload-fixture';

/**
 * No secret on disk: uploads through the real backend and the CLI (success, missing bucket, wrong secret, a profile
 * file), then every file in the user-data folder (history database with its WAL, the backend log, the CLI's stderr
 * kept as a log) is searched for the secret and the access key id, plain and URL-encoded.
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
});
