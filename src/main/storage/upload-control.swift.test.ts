import fs from 'node:fs';
import path from 'node:path';
import { ListMultipartUploadsCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { TcpForwarder } from './test-support/tcp-forwarder';
import {
  adminClient,
  createBucket,
  createUploadFixture,
  randomFile,
  testKey,
  type UploadFixture,
} from './test-support/upload-fixture';
import type { StartUploadInput, UploadServiceDeps } from './upload-service';

/** Pause, resume, cancel, and the failures a consultant on hotel Wi-Fi meets: each leaves the upload resumable. */
const swift = inject('swift');
const MiB = 1024 * 1024;
const fixtures: UploadFixture[] = [];
let file: string;

beforeAll(async () => {
  const fx = createUploadFixture('ferry-upload-control-');
  fixtures.push(fx);
  file = randomFile(fx.root, 'pkg.zip', 60 * MiB + 99); // 13 parts of 5 MiB (the last one 99 bytes)
  await createBucket(swift.endpoint, 'control');
});
afterAll(() => {
  for (const fx of fixtures) fx.close();
});

interface Counted {
  fx: UploadFixture;
  requests: number[];
  done: number[];
  reset(): void;
}

function counted(
  deps: Partial<UploadServiceDeps> & {
    afterPart?: (uploadId: string, n: number, done: number[]) => void;
  } = {},
): Counted {
  const requests: number[] = [];
  const done: number[] = [];
  const { afterPart, ...rest } = deps;
  const fx = createUploadFixture('ferry-upload-control-', {
    onPartRequest: (_id, n) => requests.push(n),
    onPartDone: (id, n) => {
      done.push(n);
      afterPart?.(id, n, done);
    },
    ...rest,
  });
  fixtures.push(fx);
  return {
    fx,
    requests,
    done,
    reset() {
      requests.length = 0;
      done.length = 0;
    },
  };
}

const input = (over: Partial<StartUploadInput> = {}): StartUploadInput => ({
  path: file,
  endpoint: swift.endpoint,
  bucket: 'control',
  pathStyle: true,
  partSize: 5 * MiB,
  parallel: 2,
  credentials: { source: 'env' },
  ...over,
});

async function finish(fx: UploadFixture, started: { jobId: string; uploadId: string }) {
  await fx.service.settled(started.uploadId);
  const job = fx.jobs.get(started.jobId)!;
  const [record] = (await fx.service.list()).filter((u) => u.uploadId === started.uploadId);
  return { job, record };
}

async function openUploads(key: string): Promise<number> {
  const client = adminClient(swift.endpoint);
  try {
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: 'control', Prefix: key }));
    return (listed.Uploads ?? []).filter((u) => u.Key === key).length;
  } finally {
    client.destroy();
  }
}

async function serverParts(key: string, s3UploadId: string): Promise<number[]> {
  const client = adminClient(swift.endpoint);
  try {
    const listed = await client.send(
      new ListPartsCommand({ Bucket: 'control', Key: key, UploadId: s3UploadId }),
    );
    return (listed.Parts ?? []).map((p) => p.PartNumber!);
  } finally {
    client.destroy();
  }
}

const forwarders: TcpForwarder[] = [];
afterEach(async () => {
  for (const f of forwarders.splice(0)) await f.stop();
});

describe('pause and resume', () => {
  it('pauses between parts, keeps state, and resumes sending only the missing parts', async () => {
    let pausing = false;
    const c = counted({
      afterPart: (id, _n, done) => {
        if (done.length === 3 && !pausing) {
          pausing = true;
          void c.fx.service.pause(id);
        }
      },
    });
    const started = await c.fx.service.start(input({ key: 'paused.zip' }));
    const paused = await finish(c.fx, started);
    expect(paused.job.state).toBe('succeeded');
    expect(paused.record.state).toBe('paused');
    expect(paused.record.partsDone).toBeGreaterThanOrEqual(3);
    expect(paused.record.partsDone).toBeLessThan(13);
    const before = new Set(c.done);

    c.reset();
    const resumed = await c.fx.service.resume(started.uploadId);
    const end = await finish(c.fx, resumed);
    expect(end.record.state).toBe('completed');
    expect(c.requests.length).toBe(13 - before.size);
    expect(c.requests.filter((n) => before.has(n))).toEqual([]);
    expect(await openUploads('paused.zip')).toBe(0);
  });
});

describe('cancel', () => {
  it('aborts the multipart upload on the server', async () => {
    let cancelling: Promise<{ cancelled: boolean }> | undefined;
    const c = counted({
      afterPart: (id, _n, done) => {
        if (done.length === 2 && !cancelling) cancelling = c.fx.service.cancel(id);
      },
    });
    const started = await c.fx.service.start(input({ key: 'cancelled.zip' }));
    const end = await finish(c.fx, started);
    expect(cancelling).toBeDefined();
    expect(await cancelling!).toEqual({ cancelled: true });
    expect(end.job.state).toBe('cancelled');
    expect((await c.fx.service.list()).find((u) => u.uploadId === started.uploadId)?.state).toBe('cancelled');
    expect(await openUploads('cancelled.zip')).toBe(0);
    await expect(c.fx.service.resume(started.uploadId)).rejects.toThrow(/cancelled/);
  });

  it('cancels a paused upload too', async () => {
    let paused = false;
    const c = counted({
      afterPart: (id) => {
        if (!paused) {
          paused = true;
          void c.fx.service.pause(id);
        }
      },
    });
    const started = await c.fx.service.start(input({ key: 'cancel-paused.zip' }));
    await finish(c.fx, started);
    expect(await openUploads('cancel-paused.zip')).toBe(1);
    expect(await c.fx.service.cancel(started.uploadId)).toEqual({ cancelled: true });
    expect(await openUploads('cancel-paused.zip')).toBe(0);
  });
});

describe('failures stay resumable', () => {
  it('wrong secret: one clear line, then resumes with the right key from a profile file', async () => {
    const c = counted({
      env: { FERRY_OSS_ACCESS_KEY_ID: testKey.accessKeyId, FERRY_OSS_ACCESS_KEY_SECRET: 'not-the-secret' },
    });
    const started = await c.fx.service.start(input({ key: 'wrong-secret.zip' }));
    const failed = await finish(c.fx, started);
    expect(failed.job.state).toBe('failed');
    expect(failed.job.error?.code).toBe('unauthorized');
    expect(failed.job.error?.message).toMatch(/secret is wrong \(SignatureDoesNotMatch\)/);
    expect(failed.job.error?.message).not.toContain('\n');
    expect(failed.record.state).toBe('failed');
    expect(c.requests).toEqual([]); // 403 is not retried

    const profile = path.join(c.fx.root, 'oss.json');
    fs.writeFileSync(
      profile,
      JSON.stringify({ accessKeyId: testKey.accessKeyId, accessKeySecret: testKey.secretAccessKey }),
      { mode: 0o600 },
    );
    const resumed = await c.fx.service.resume(started.uploadId, { source: 'file', path: profile });
    expect((await finish(c.fx, resumed)).record.state).toBe('completed');
  });

  it('unknown access key id: InvalidAccessKeyId', async () => {
    const c = counted({
      env: { FERRY_OSS_ACCESS_KEY_ID: 'nobody:nobody', FERRY_OSS_ACCESS_KEY_SECRET: 'whatever' },
    });
    const started = await c.fx.service.start(input({ key: 'wrong-id.zip' }));
    const failed = await finish(c.fx, started);
    expect(failed.job.error?.code).toBe('unauthorized');
    expect(failed.job.error?.message).toMatch(/InvalidAccessKeyId|SignatureDoesNotMatch|access denied/);
    expect(failed.record.state).toBe('failed');
  });

  it('missing bucket: NoSuchBucket, then resumes once the bucket exists', async () => {
    const c = counted();
    const started = await c.fx.service.start(input({ bucket: 'not-yet', key: 'nb.zip' }));
    const failed = await finish(c.fx, started);
    expect(failed.job.error).toMatchObject({ code: 'not-found' });
    expect(failed.job.error?.message).toMatch(/bucket not-yet does not exist \(NoSuchBucket\)/);
    expect(failed.record.state).toBe('failed');
    await createBucket(swift.endpoint, 'not-yet');
    const resumed = await c.fx.service.resume(started.uploadId);
    expect((await finish(c.fx, resumed)).record.state).toBe('completed');
  });

  it('server gone mid-upload: retries, gives up with a clear line, resumes when it is back without re-sending parts', async () => {
    const forwarder = new TcpForwarder({ host: '127.0.0.1', port: Number(new URL(swift.endpoint).port) });
    forwarders.push(forwarder);
    const endpoint = await forwarder.start();
    let cut = false;
    const retries: number[] = [];
    const c = counted({
      retry: {
        attempts: 3,
        baseDelayMs: 50,
        maxDelayMs: 200,
        onRetry: (_e, attempt) => retries.push(attempt),
      },
      afterPart: (_id, _n, done) => {
        if (done.length === 4 && !cut) {
          cut = true;
          void forwarder.stop();
        }
      },
    });
    const started = await c.fx.service.start(input({ endpoint, key: 'gone.zip' }));
    const failed = await finish(c.fx, started);
    expect(failed.job.state).toBe('failed');
    expect(failed.job.error?.message).toMatch(/connection refused|ECONNRESET|socket hang up|network/i);
    expect(failed.job.error?.message).toMatch(/resumed/);
    expect(retries.length).toBeGreaterThan(0);
    expect(failed.record.state).toBe('failed');
    const before = new Set(c.done);
    expect(before.size).toBeGreaterThanOrEqual(4);

    // Nobody listening at all: same clear line.
    const refused = await c.fx.service.resume(started.uploadId);
    const stillGone = await finish(c.fx, refused);
    expect(stillGone.job.error?.message).toMatch(/connection refused: the server is not reachable/);

    // A part Swift stored while the connection was being cut is not in `before` (its response never arrived),
    // yet ListParts reports it: resume must skip it too, so count against what the server has.
    const onServer = await serverParts('gone.zip', (await c.fx.repo.get(started.uploadId))!.s3UploadId!);
    expect(onServer).toEqual(expect.arrayContaining([...before]));

    await forwarder.start(forwarder.port);
    c.reset();
    const resumed = await c.fx.service.resume(started.uploadId);
    expect((await finish(c.fx, resumed)).record.state).toBe('completed');
    expect(c.requests.filter((n) => onServer.includes(n))).toEqual([]);
    expect(c.requests.length).toBe(13 - onServer.length);
  });
});
