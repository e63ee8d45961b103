import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBucket, createUploadFixture, randomFile, type UploadFixture } from './test-support/upload-fixture';
import type { UploadJobResult } from './upload-service';

const swift = inject('swift');
let fx: UploadFixture;

beforeAll(async () => {
  fx = createUploadFixture('ferry-upload-200-');
  await createBucket(swift.endpoint, 'roundtrip');
});
afterAll(() => fx.close());

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('200 MB round trip', () => {
  it('uploads 200 MB in parallel parts and downloads it back byte for byte through the pre-signed URL', async () => {
    const file = randomFile(fx.root, 'big.zip', 200 * 1024 * 1024 + 777);
    const progress: number[] = [];
    const started = Date.now();
    const { jobId, uploadId } = await fx.service.start({
      path: file,
      endpoint: swift.endpoint,
      bucket: 'roundtrip',
      key: 'handoff/big.zip',
      pathStyle: true,
      credentials: { source: 'env' },
    });
    const poll = setInterval(() => progress.push(fx.jobs.get(jobId)?.progress.done ?? 0), 50);
    await fx.service.settled(uploadId);
    clearInterval(poll);
    const seconds = (Date.now() - started) / 1000;
    expect(fx.jobs.get(jobId)?.error).toBeNull();
    const result = fx.jobs.result<UploadJobResult>(jobId, 'upload');
    expect(result.state).toBe('completed');
    expect(result.etag).toMatch(/-8$/); // 26 MiB parts: an eighth of the file, rounded up to whole MiB
    expect(new Date(result.expiresAt!).getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    // Progress moved forward through the upload, never back.
    expect(progress.every((v, i) => i === 0 || v >= progress[i - 1])).toBe(true);

    const response = await fetch(result.url!);
    expect(response.status).toBe(200);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    expect(bytes).toBe(fs.statSync(file).size);
    expect(hash.digest('hex')).toBe(await sha256OfFile(file));
    console.info(`200 MB round trip: uploaded in ${seconds.toFixed(1)} s (${(200 / seconds).toFixed(0)} MiB/s), downloaded and SHA-256 equal`);

    const [record] = await fx.service.list();
    expect(record).toMatchObject({ uploadId, state: 'completed', partsDone: 8, partSize: 26 * 1024 * 1024, bytesDone: fs.statSync(file).size, url: result.url });
    const again = await fx.service.url(uploadId, 3600);
    expect(again.url).toContain('X-Amz-Expires=3600');
    await expect(fx.service.url(uploadId, 8 * 24 * 3600)).rejects.toThrow(/7 days/);
  });
});
