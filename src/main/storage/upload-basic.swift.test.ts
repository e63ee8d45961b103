import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, createUploadFixture, randomFile, type UploadFixture } from './test-support/upload-fixture';
import type { UploadJobResult } from './upload-service';

const swift = inject('swift');
let fx: UploadFixture;

beforeAll(async () => {
  fx = createUploadFixture('ferry-upload-basic-');
  await createBucket(swift.endpoint, 'basic');
});
afterAll(() => fx.close());

describe('upload (small)', () => {
  it('uploads 20 MB in 5 MiB parts and downloads it back through the pre-signed URL', async () => {
    const file = randomFile(fx.root, 'small.zip', 20 * 1024 * 1024 + 123);
    const { jobId, uploadId } = await fx.service.start({
      path: file,
      endpoint: swift.endpoint,
      bucket: 'basic',
      pathStyle: true,
      partSize: 5 * 1024 * 1024,
      credentials: { source: 'env' },
    });
    await fx.service.settled(uploadId);
    const job = fx.jobs.get(jobId)!;
    expect(job.error).toBeNull();
    const result = fx.jobs.result<UploadJobResult>(jobId, 'upload');
    expect(result.state).toBe('completed');
    expect(result.etag).toMatch(/-5$/);
    const response = await fetch(result.url!);
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    const [record] = await fx.service.list();
    expect(record).toMatchObject({ state: 'completed', partsDone: 5, partCount: 5, accessKeyHint: '…ader' });
  });
});
