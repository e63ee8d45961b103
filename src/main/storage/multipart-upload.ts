import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '../../shared/errors';
import type { StoredPart, StoredUpload, UploadRepository } from '../history/upload-repository';
import type { AccessKey } from './credentials';
import { fileIdentity, multipartEtag, partRange } from './part-plan';
import { defaultRetry, withRetry, type RetryOptions } from './retry';
import { describeS3Error, isAbort } from './s3-errors';
import { RateMeter } from './rate-meter';
import { s3Sdk } from './aws-sdk';

/** Where an upload is, for progress bars: bytes, rate over the last seconds, time left. */
export interface UploadProgress {
  bytesDone: number;
  totalBytes: number;
  partsDone: number;
  partCount: number;
  bytesPerSecond: number | null;
  secondsLeft: number | null;
}

export interface RunUploadOptions {
  repo: UploadRepository;
  client: S3Client;
  /** Only to redact it from error messages. */
  key: AccessKey;
  /** Hard stop (cancel, app shutdown): in-flight requests are aborted. */
  signal: AbortSignal;
  /** Soft stop (pause): no new part is started; parts in flight finish and are recorded. */
  pauseRequested: () => boolean;
  onProgress?: (progress: UploadProgress) => void;
  /** Called before every UploadPart request (tests count re-sent parts with it). */
  onPartRequest?: (partNumber: number) => void;
  /** Called after a part is recorded in history. */
  onPartDone?: (part: StoredPart) => void;
  retry?: Partial<RetryOptions>;
  now?: () => Date;
}

export type UploadOutcome = { state: 'completed'; etag: string } | { state: 'paused' };

const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

/**
 * Runs (or resumes) one multipart upload to its end, its pause, or its first lasting error. The upload row must exist.
 *
 * Resume: the server is asked which parts it has (ListParts); a listed part whose ETag equals the MD5 of the same
 * byte range of the local file counts as done, everything else is (re)sent. History is only a record of progress,
 * the server is the truth. Integrity: Content-MD5 on every part, and after completion the object's size and
 * multipart ETag (md5 of the part md5s + `-N`) are checked with HeadObject.
 */
export async function runMultipartUpload(upload: StoredUpload, options: RunUploadOptions): Promise<UploadOutcome> {
  const { repo, client, signal } = options;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const retry: RetryOptions = { ...defaultRetry, ...options.retry, signal };
  const where = { endpoint: upload.endpoint, bucket: upload.bucket };
  const call = <T>(work: () => Promise<T>) => withRetry(work, retry);
  const fail = async (error: unknown): Promise<never> => {
    if (isAbort(error) || signal.aborted) throw error;
    const described = describeS3Error(error, where, options.key);
    await repo.update(upload.id, { state: 'failed', error: described.message }, now());
    throw described;
  };

  const identity = await fileIdentity(upload.filePath).catch((error: NodeJS.ErrnoException) => {
    throw new FerryError('not-found', `${upload.filePath}: cannot read the package (${error.code ?? error.message}).`);
  });
  if (identity.size !== upload.fileSize || identity.fingerprint !== upload.fileFingerprint) {
    const message = `${upload.filePath}: the file changed since the upload started; cancel this upload and start a new one.`;
    await repo.update(upload.id, { state: 'failed', error: message }, now());
    throw new FerryError('conflict', message);
  }

  await repo.update(upload.id, { state: 'uploading', error: null }, now());
  const file = await fs.open(upload.filePath, 'r');
  let hashChain: Promise<unknown> = Promise.resolve();
  try {
    let s3UploadId = upload.s3UploadId;
    const done = new Map<number, StoredPart>();
    if (s3UploadId) {
      try {
        for (const part of await verifiedServerParts(upload, s3UploadId, file, client, call, signal)) done.set(part.partNumber, part);
        await repo.replaceParts(upload.id, [...done.values()], now());
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchUpload') await fail(error);
        s3UploadId = null; // expired or aborted on the server: start over
      }
    }
    if (!s3UploadId) {
      const created = await call(() =>
        client.send(new (s3Sdk().CreateMultipartUploadCommand)({ Bucket: upload.bucket, Key: upload.key, ContentType: 'application/zip' }), {
          abortSignal: signal,
        }),
      ).catch(fail);
      s3UploadId = created.UploadId ?? null;
      if (!s3UploadId) await fail(new Error('the server returned no UploadId'));
      await repo.replaceParts(upload.id, [], now());
      await repo.update(upload.id, { s3UploadId: s3UploadId! }, now());
    }
    const uploadId = s3UploadId!;

    const meter = new RateMeter();
    let bytesDone = [...done.values()].reduce((n, p) => n + p.size, 0);
    const report = () => {
      const rate = meter.rate();
      options.onProgress?.({
        bytesDone,
        totalBytes: upload.fileSize,
        partsDone: done.size,
        partCount: upload.partCount,
        bytesPerSecond: rate,
        secondsLeft: rate ? (upload.fileSize - bytesDone) / rate : null,
      });
    };
    meter.add(0);
    report();

    const missing: number[] = [];
    for (let n = 1; n <= upload.partCount; n++) if (!done.has(n)) missing.push(n);
    let next = 0;
    let halted = false;
    // MD5s are computed one part at a time, in order, a few parts ahead of the senders: the first part goes out after
    // one part's hashing instead of after `parallel` hashes competing for the CPU, and later hashes overlap the sends.
    const md5s = new Map<number, Promise<Buffer>>();
    const md5Of = (n: number): Promise<Buffer> => {
      let pending = md5s.get(n);
      if (!pending) {
        const { start, size } = partRange(n, upload.fileSize, upload.partSize);
        pending = hashChain.then(() => md5OfRange(file, start, size));
        pending.catch(() => undefined); // awaited by the worker that sends it; a prefetch nobody awaits must not go unhandled
        hashChain = pending.catch(() => undefined);
        md5s.set(n, pending);
      }
      return pending;
    };
    const worker = async () => {
      try {
        await sendParts();
      } catch (error) {
        halted = true; // the other workers finish their part in flight and stop
        throw error;
      }
    };
    const sendParts = async () => {
      while (next < missing.length && !halted && !signal.aborted && !options.pauseRequested()) {
        const n = missing[next++];
        const { start, size } = partRange(n, upload.fileSize, upload.partSize);
        // Two passes over the part instead of holding it: MD5 first (Content-MD5 goes in the headers), then the body
        // streamed from the file. Memory stays at a few MiB whatever the part size; the second read hits the page cache.
        for (let ahead = next; ahead < Math.min(missing.length, next + upload.parallel); ahead++) void md5Of(missing[ahead]);
        const md5 = await md5Of(n);
        md5s.delete(n);
        const sent = await call(() => {
          options.onPartRequest?.(n);
          return client.send(
            new (s3Sdk().UploadPartCommand)({
              Bucket: upload.bucket,
              Key: upload.key,
              UploadId: uploadId,
              PartNumber: n,
              Body: createReadStream(upload.filePath, { start, end: start + size - 1, highWaterMark: MiB }),
              ContentLength: size,
              ContentMD5: md5.toString('base64'),
            }),
            { abortSignal: signal },
          );
        });
        const part: StoredPart = { partNumber: n, size, etag: unquote(sent.ETag) || md5.toString('hex'), md5: md5.toString('hex') };
        await repo.recordPart(upload.id, part, now());
        done.set(n, part);
        bytesDone += size;
        meter.add(size);
        options.onPartDone?.(part);
        report();
      }
    };
    const parallel = Math.max(1, Math.min(upload.parallel, missing.length || 1));
    const results = await Promise.allSettled(Array.from({ length: parallel }, worker));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) await fail(failed.reason);
    signal.throwIfAborted();
    if (done.size < upload.partCount) {
      await repo.update(upload.id, { state: 'paused' }, now());
      return { state: 'paused' };
    }

    const parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
    await call(() =>
      client.send(
        new (s3Sdk().CompleteMultipartUploadCommand)({
          Bucket: upload.bucket,
          Key: upload.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })) },
        }),
        { abortSignal: signal },
      ),
    ).catch(fail);
    const head = await call(() => client.send(new (s3Sdk().HeadObjectCommand)({ Bucket: upload.bucket, Key: upload.key }), { abortSignal: signal })).catch(fail);
    const expected = multipartEtag(parts.map((p) => p.md5));
    const etag = unquote(head.ETag);
    if (head.ContentLength !== upload.fileSize || etag !== expected) {
      const message = `${upload.bucket}/${upload.key}: the uploaded object does not match the file (size ${head.ContentLength ?? '?'} of ${upload.fileSize}, ETag ${etag || '?'}, expected ${expected}).`;
      await repo.update(upload.id, { state: 'failed', error: message }, now());
      throw new FerryError('io', message);
    }
    await repo.update(upload.id, { state: 'completed', etag, error: null, completedAt: now() }, now());
    return { state: 'completed', etag };
  } finally {
    await hashChain; // prefetched hashes still reading must finish before the file closes
    await file.close();
  }
}

/** The parts the server has whose ETag equals the MD5 of the same range of the local file (all pages of ListParts). */
async function verifiedServerParts(
  upload: StoredUpload,
  uploadId: string,
  file: fs.FileHandle,
  client: S3Client,
  call: <T>(work: () => Promise<T>) => Promise<T>,
  signal: AbortSignal,
): Promise<StoredPart[]> {
  const listed: { partNumber: number; etag: string; size: number }[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await call(() =>
      client.send(new (s3Sdk().ListPartsCommand)({ Bucket: upload.bucket, Key: upload.key, UploadId: uploadId, PartNumberMarker: marker }), {
        abortSignal: signal,
      }),
    );
    for (const p of page.Parts ?? []) if (p.PartNumber) listed.push({ partNumber: p.PartNumber, etag: unquote(p.ETag), size: p.Size ?? -1 });
    if (!page.IsTruncated || !page.NextPartNumberMarker) break;
    marker = String(page.NextPartNumberMarker);
  }
  const verified: StoredPart[] = [];
  for (const p of listed) {
    if (p.partNumber > upload.partCount) continue;
    const { start, size } = partRange(p.partNumber, upload.fileSize, upload.partSize);
    if (p.size !== size) continue;
    const md5 = (await md5OfRange(file, start, size)).toString('hex');
    if (md5 === p.etag) verified.push({ partNumber: p.partNumber, size, etag: p.etag, md5 });
  }
  return verified;
}

const MiB = 1024 * 1024;

/** MD5 of `size` bytes at `start`, read in 1 MiB chunks; a short read means the file shrank. */
async function md5OfRange(file: fs.FileHandle, start: number, size: number): Promise<Buffer> {
  const hash = createHash('md5');
  const chunk = Buffer.allocUnsafe(Math.min(MiB, Math.max(1, size)));
  for (let done = 0; done < size; ) {
    const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, size - done), start + done);
    if (bytesRead === 0) throw new FerryError('conflict', 'The package file shrank while uploading; start a new upload.');
    hash.update(chunk.subarray(0, bytesRead));
    done += bytesRead;
  }
  return hash.digest();
}
