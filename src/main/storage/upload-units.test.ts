import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accessKeyFromEnv, readCredentialFile, redactSecrets } from './credentials';
import { choosePartSize, multipartEtag, partCount, partRange } from './part-plan';
import { withRetry } from './retry';
import { describeS3Error, isTransient } from './s3-errors';
import { regionOf } from './s3-client';

const MiB = 1024 * 1024;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-upload-units-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('credentials', () => {
  it('reads FERRY_OSS_* first, then ALIBABA_CLOUD_*, and refuses half a key', () => {
    expect(accessKeyFromEnv({ FERRY_OSS_ACCESS_KEY_ID: 'id1', FERRY_OSS_ACCESS_KEY_SECRET: 's1', ALIBABA_CLOUD_ACCESS_KEY_ID: 'id2', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's2' })).toEqual({
      accessKeyId: 'id1',
      secretAccessKey: 's1',
    });
    expect(accessKeyFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id2', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's2', ALIBABA_CLOUD_SECURITY_TOKEN: 't' })).toEqual({
      accessKeyId: 'id2',
      secretAccessKey: 's2',
      sessionToken: 't',
    });
    expect(() => accessKeyFromEnv({ FERRY_OSS_ACCESS_KEY_ID: 'id1' })).toThrow(/Set both FERRY_OSS_ACCESS_KEY_ID and FERRY_OSS_ACCESS_KEY_SECRET/);
    expect(() => accessKeyFromEnv({})).toThrow(/No OSS access key/);
  });

  it('reads JSON and INI-like profile files', async () => {
    const json = path.join(root, 'a.json');
    fs.writeFileSync(json, JSON.stringify({ accessKeyId: 'LTAIabc', accessKeySecret: 'sec1' }), { mode: 0o600 });
    expect(await readCredentialFile(json)).toEqual({ accessKeyId: 'LTAIabc', secretAccessKey: 'sec1' });
    const ini = path.join(root, 'a.ini');
    fs.writeFileSync(ini, '# OSS\n[default]\naccess_key_id = test:tester\naccess_key_secret = "se=cret"\n', { mode: 0o600 });
    expect(await readCredentialFile(ini)).toEqual({ accessKeyId: 'test:tester', secretAccessKey: 'se=cret' });
    const aws = path.join(root, 'aws');
    fs.writeFileSync(aws, '[default]\naws_access_key_id=AKIA1\naws_secret_access_key=s3cr3t\n', { mode: 0o600 });
    expect(await readCredentialFile(aws)).toEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' });
  });

  it.runIf(process.platform !== 'win32')('refuses a file other users can read, and says how to fix it', async () => {
    const file = path.join(root, 'open.json');
    fs.writeFileSync(file, JSON.stringify({ accessKeyId: 'x', accessKeySecret: 'y' }));
    fs.chmodSync(file, 0o644);
    await expect(readCredentialFile(file)).rejects.toThrow(/other users can read this credentials file \(mode 644\); run chmod 600/);
  });

  it('never echoes a malformed file', async () => {
    const file = path.join(root, 'bad.json');
    fs.writeFileSync(file, '{"accessKeyId": "id", "accessKeySecret": "TOPSECRET"', { mode: 0o600 });
    const error = await readCredentialFile(file).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/does not parse/);
    expect(error?.message).not.toContain('TOPSECRET');
  });

  it('redacts the secret, the token and the key id (plain and URL-encoded)', () => {
    const key = { accessKeyId: 'test:tester', secretAccessKey: 'testing-secret', sessionToken: 'tok-123456' };
    const text = 'id test:tester secret testing-secret token tok-123456 url X-Amz-Credential=test%3Atester%2F2026';
    const out = redactSecrets(text, key);
    expect(out).not.toMatch(/test:tester|testing-secret|tok-123456|test%3Atester/);
    expect(out).toContain('…ster');
  });
});

describe('parts', () => {
  it('uses an eighth of the file within 16-64 MiB by default, at least 5 MiB, grown to fit 10,000 parts', () => {
    expect(choosePartSize(20 * MiB)).toBe(16 * MiB);
    expect(choosePartSize(200 * MiB)).toBe(25 * MiB);
    expect(choosePartSize(500 * 1000 * 1000)).toBe(60 * MiB);
    expect(choosePartSize(5000 * MiB)).toBe(64 * MiB);
    expect(choosePartSize(200 * MiB, 16 * MiB)).toBe(16 * MiB);
    expect(choosePartSize(200 * MiB, MiB)).toBe(5 * MiB);
    const huge = 500 * 1024 * MiB; // 500 GiB
    const size = choosePartSize(huge);
    expect(partCount(huge, size)).toBeLessThanOrEqual(10_000);
    expect(size % MiB).toBe(0);
    expect(partRange(13, 200 * MiB + 777, 16 * MiB)).toEqual({ start: 192 * MiB, size: 8 * MiB + 777 });
    expect(partCount(0, 16 * MiB)).toBe(1);
  });

  it('computes the multipart ETag as S3 does', () => {
    // md5("") and md5("a") -> md5 of their binary concatenation, "-2"
    expect(multipartEtag(['d41d8cd98f00b204e9800998ecf8427e', '0cc175b9c0f1b6a831c399e269772661'])).toMatch(/^[0-9a-f]{32}-2$/);
  });

  it('takes the region from an OSS endpoint', () => {
    expect(regionOf('https://oss-cn-hangzhou.aliyuncs.com')).toBe('cn-hangzhou');
    expect(regionOf('https://oss-ap-southeast-1-internal.aliyuncs.com')).toBe('ap-southeast-1');
    expect(regionOf('http://127.0.0.1:8080')).toBe('us-east-1');
  });
});

describe('errors and retries', () => {
  const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  const net = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });

  it('retries 5xx, timeouts and dropped connections, never 4xx', () => {
    expect(isTransient(s3Error('InternalError', 500))).toBe(true);
    expect(isTransient(s3Error('SlowDown', 503))).toBe(true);
    expect(isTransient(net('ECONNRESET'))).toBe(true);
    expect(isTransient(net('ECONNREFUSED'))).toBe(true);
    expect(isTransient(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isTransient(s3Error('SignatureDoesNotMatch', 403))).toBe(false);
    expect(isTransient(s3Error('NoSuchBucket', 404))).toBe(false);
    expect(isTransient(s3Error('BadDigest', 400))).toBe(false);
  });

  it('backs off exponentially with jitter and stops at the first 4xx', async () => {
    const delays: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(net('ECONNRESET'));
        },
        { attempts: 4, baseDelayMs: 10, maxDelayMs: 25, random: () => 1, onRetry: (_e, _a, d) => delays.push(d) },
      ),
    ).rejects.toThrow(/ECONNRESET/);
    expect(calls).toBe(4);
    expect(delays).toEqual([10, 20, 25]);
    calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(s3Error('AccessDenied', 403));
        },
        { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('explains the usual failures in one line, with the key redacted', () => {
    const where = { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'b' };
    expect(describeS3Error(s3Error('SignatureDoesNotMatch', 403), where).message).toMatch(/secret is wrong/);
    expect(describeS3Error(s3Error('InvalidAccessKeyId', 403), where).message).toMatch(/access key id is unknown/);
    expect(describeS3Error(s3Error('NoSuchBucket', 404), where).message).toMatch(/bucket b does not exist/);
    expect(describeS3Error(net('ECONNREFUSED'), where).message).toMatch(/connection refused/);
    const echoed = describeS3Error(s3Error('Weird: key LTAIsecretid with secret S3CR3T', 400), where, { accessKeyId: 'LTAIsecretid', secretAccessKey: 'S3CR3T' });
    expect(echoed.message).not.toMatch(/LTAIsecretid|S3CR3T/);
  });
});
