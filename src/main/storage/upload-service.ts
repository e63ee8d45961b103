import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from './aws-sdk';
import { FerryError } from '../../shared/errors';
import { defaultUrlExpirySeconds, type UploadCredentialSource, type UploadRecord } from '../../shared/model/upload';
import type { StoredUpload, UploadRepository } from '../history/upload-repository';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { CredentialVault } from '../electron/credential-vault';
import { accessKeyHint, describeCredentialSource, parseCredentialSource, resolveAccessKey, type AccessKey } from './credentials';
import { runMultipartUpload, type UploadOutcome, type UploadProgress } from './multipart-upload';
import { choosePartSize, fileIdentity, partCount } from './part-plan';
import { presignDownload } from './presign';
import { defaultRetry, withRetry, type RetryOptions } from './retry';
import { createS3Client, regionOf, type S3Target } from './s3-client';
import { describeS3Error } from './s3-errors';

export interface StartUploadInput {
  path: string;
  endpoint: string;
  bucket: string;
  key?: string;
  region?: string;
  pathStyle?: boolean;
  /** Bytes; grown so the file fits in 10,000 parts. */
  partSize?: number;
  parallel?: number;
  credentials: UploadCredentialSource;
}

/** What an upload job produces. */
export interface UploadJobResult {
  uploadId: string;
  state: UploadOutcome['state'];
  etag: string | null;
  url: string | null;
  expiresAt: string | null;
}

export interface UploadServiceDeps {
  repo: UploadRepository;
  jobs: JobRunner;
  env?: NodeJS.ProcessEnv;
  /** The desktop app's encrypted credential store, for `vault` sources; absent in the CLI and web mode. */
  vault?: CredentialVault | null;
  retry?: Partial<RetryOptions>;
  createClient?: (target: S3Target, key: AccessKey, parallel: number) => S3Client;
  /** Test hooks: called before every UploadPart request, and after a part is recorded in history. */
  onPartRequest?: (uploadId: string, partNumber: number) => void;
  onPartDone?: (uploadId: string, partNumber: number) => void;
}

interface Active {
  jobId: string;
  pause: boolean;
  cancel: boolean;
  done: Promise<UploadJobResult>;
}

const describeSize = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function stepText(p: UploadProgress): string {
  const rate = p.bytesPerSecond ? ` · ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s` : '';
  const left = p.secondsLeft !== null && p.bytesDone < p.totalBytes ? ` · ${Math.ceil(p.secondsLeft)} s left` : '';
  return `Uploading ${describeSize(p.bytesDone)} of ${describeSize(p.totalBytes)} (part ${p.partsDone}/${p.partCount})${rate}${left}`;
}

/**
 * Uploads packages to OSS (or any S3 server) as jobs: start, pause (soft: parts in flight finish), resume (after a
 * restart too: everything needed is in history), cancel (aborts the multipart upload on the server), list, and
 * pre-signed download URLs. A job cancelled through `job:cancel` or by shutdown leaves the upload paused, resumable;
 * only `cancel` discards it.
 */
export class UploadService {
  private readonly active = new Map<string, Active>();
  /** Pre-signed URLs made in this process: never stored (they carry the access key id). */
  private readonly urls = new Map<string, { url: string; expiresAt: string }>();

  constructor(private readonly deps: UploadServiceDeps) {}

  async start(input: StartUploadInput): Promise<{ jobId: string; uploadId: string }> {
    const stat = await fs.stat(input.path).catch((error: NodeJS.ErrnoException) => {
      throw new FerryError(error.code === 'ENOENT' ? 'not-found' : 'io', `${input.path}: ${error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code})`}`);
    });
    if (!stat.isFile()) throw new FerryError('not-a-file', `${input.path}: not a file.`);
    const key = await resolveAccessKey(input.credentials, this.deps.env, this.deps.vault);
    const identity = await fileIdentity(input.path);
    const partSize = choosePartSize(identity.size, input.partSize);
    const at = new Date().toISOString();
    const upload: StoredUpload = {
      id: randomUUID(),
      state: 'uploading',
      filePath: path.resolve(input.path),
      fileSize: identity.size,
      fileMtimeMs: identity.mtimeMs,
      fileFingerprint: identity.fingerprint,
      endpoint: input.endpoint.replace(/\/+$/, ''),
      region: input.region ?? regionOf(input.endpoint),
      pathStyle: input.pathStyle ?? false,
      bucket: input.bucket,
      key: input.key ?? path.basename(input.path),
      s3UploadId: null,
      partSize,
      partCount: partCount(identity.size, partSize),
      parallel: Math.max(1, Math.min(32, input.parallel ?? 4)),
      credentialSource: describeCredentialSource(input.credentials),
      accessKeyHint: accessKeyHint(key.accessKeyId),
      etag: null,
      error: null,
      urlExpiresAt: null,
      createdAt: at,
      updatedAt: at,
      completedAt: null,
    };
    await this.deps.repo.create(upload);
    return { jobId: this.launch(upload, key), uploadId: upload.id };
  }

  async resume(uploadId: string, credentials?: UploadCredentialSource): Promise<{ jobId: string; uploadId: string }> {
    const upload = await this.require(uploadId);
    if (this.active.has(uploadId)) throw new FerryError('conflict', `Upload ${uploadId} is running already.`);
    if (upload.state === 'completed' || upload.state === 'cancelled')
      throw new FerryError('conflict', `Upload ${uploadId} is ${upload.state}; there is nothing to resume.`);
    const source = credentials ?? parseCredentialSource(upload.credentialSource);
    const key = await resolveAccessKey(source, this.deps.env, this.deps.vault);
    return { jobId: this.launch(upload, key), uploadId };
  }

  /** Stops scheduling parts; the job ends (state paused) when the parts in flight are recorded. */
  async pause(uploadId: string): Promise<{ paused: boolean }> {
    const active = this.active.get(uploadId);
    if (active) {
      active.pause = true;
      return { paused: true };
    }
    const upload = await this.require(uploadId);
    if (upload.state !== 'uploading') return { paused: false };
    // Left "uploading" by a process that died: it is paused in fact.
    await this.deps.repo.update(uploadId, { state: 'paused' }, new Date().toISOString());
    return { paused: true };
  }

  /** Aborts the multipart upload on the server (its parts are deleted) and marks it cancelled. */
  async cancel(uploadId: string): Promise<{ cancelled: boolean }> {
    const active = this.active.get(uploadId);
    if (active) {
      active.cancel = true;
      this.deps.jobs.cancel(active.jobId);
      await active.done.catch(() => undefined);
      return { cancelled: (await this.require(uploadId)).state === 'cancelled' };
    }
    const upload = await this.require(uploadId);
    if (upload.state === 'completed') throw new FerryError('conflict', `Upload ${uploadId} completed; there is nothing to cancel.`);
    if (upload.state === 'cancelled') return { cancelled: true };
    const key = await resolveAccessKey(parseCredentialSource(upload.credentialSource), this.deps.env, this.deps.vault);
    await this.abortOnServer(upload, key);
    return { cancelled: true };
  }

  async list(limit = 100): Promise<UploadRecord[]> {
    const uploads = await this.deps.repo.list(limit);
    const progress = await this.deps.repo.progress(uploads.map((u) => u.id));
    return uploads.map((u) => this.toRecord(u, progress.get(u.id)));
  }

  async get(uploadId: string): Promise<UploadRecord> {
    const upload = await this.require(uploadId);
    return this.toRecord(upload, (await this.deps.repo.progress([uploadId])).get(uploadId));
  }

  /** A new pre-signed GET URL for a completed upload. */
  async url(uploadId: string, expiresInSeconds = defaultUrlExpirySeconds): Promise<{ url: string; expiresAt: string }> {
    const upload = await this.require(uploadId);
    if (upload.state !== 'completed') throw new FerryError('conflict', `Upload ${uploadId} is ${upload.state}; a download link needs a completed upload.`);
    const key = await resolveAccessKey(parseCredentialSource(upload.credentialSource), this.deps.env, this.deps.vault);
    return this.sign(upload, key, expiresInSeconds);
  }

  /** Waits for a running upload's job (tests, shutdown). */
  async settled(uploadId: string): Promise<void> {
    await this.active.get(uploadId)?.done.catch(() => undefined);
  }

  private async sign(upload: StoredUpload, key: AccessKey, expiresInSeconds: number) {
    const client = this.client(upload, key);
    try {
      const signed = await presignDownload(client, upload.bucket, upload.key, expiresInSeconds);
      this.urls.set(upload.id, signed);
      await this.deps.repo.update(upload.id, { urlExpiresAt: signed.expiresAt }, new Date().toISOString());
      return signed;
    } finally {
      client.destroy();
    }
  }

  private launch(upload: StoredUpload, key: AccessKey): string {
    const active: Active = { jobId: '', pause: false, cancel: false, done: Promise.resolve(null as never) };
    const { job, done } = this.deps.jobs.start('upload', path.basename(upload.filePath), (ctx) => this.run(upload, key, active, ctx));
    active.jobId = job.id;
    active.done = done;
    this.active.set(upload.id, active);
    done.then(
      () => this.active.delete(upload.id),
      () => this.active.delete(upload.id),
    );
    return job.id;
  }

  private async run(upload: StoredUpload, key: AccessKey, active: Active, ctx: JobContext): Promise<UploadJobResult> {
    const client = this.client(upload, key);
    ctx.progress(0, upload.fileSize, `Uploading to ${upload.bucket}/${upload.key}`);
    try {
      const current = (await this.deps.repo.get(upload.id)) ?? upload;
      const outcome = await runMultipartUpload(current, {
        repo: this.deps.repo,
        client,
        key,
        signal: ctx.signal,
        pauseRequested: () => active.pause,
        retry: this.deps.retry,
        onProgress: (p) => ctx.progress(p.bytesDone, p.totalBytes, stepText(p)),
        onPartRequest: (n) => this.deps.onPartRequest?.(upload.id, n),
        onPartDone: (p) => this.deps.onPartDone?.(upload.id, p.partNumber),
      });
      if (outcome.state === 'paused') {
        ctx.step('Paused');
        return { uploadId: upload.id, state: 'paused', etag: null, url: null, expiresAt: null };
      }
      ctx.step('Signing the download link');
      const signed = await this.sign(current, key, defaultUrlExpirySeconds);
      ctx.step('Uploaded');
      return { uploadId: upload.id, state: 'completed', etag: outcome.etag, ...signed };
    } catch (error) {
      if (ctx.signal.aborted) {
        if (active.cancel) {
          ctx.step('Cancelling');
          await this.abortOnServer((await this.deps.repo.get(upload.id)) ?? upload, key);
        } else {
          await this.deps.repo.update(upload.id, { state: 'paused' }, new Date().toISOString());
        }
      }
      throw error;
    } finally {
      client.destroy();
    }
  }

  private async abortOnServer(upload: StoredUpload, key: AccessKey): Promise<void> {
    if (upload.s3UploadId) {
      const client = this.client(upload, key);
      try {
        await withRetry(
          () => client.send(new (s3Sdk().AbortMultipartUploadCommand)({ Bucket: upload.bucket, Key: upload.key, UploadId: upload.s3UploadId! })),
          { ...defaultRetry, ...this.deps.retry },
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchUpload') {
          throw describeS3Error(error, { endpoint: upload.endpoint, bucket: upload.bucket }, key);
        }
      } finally {
        client.destroy();
      }
    }
    await this.deps.repo.update(upload.id, { state: 'cancelled', error: null }, new Date().toISOString());
  }

  private client(upload: StoredUpload, key: AccessKey): S3Client {
    const target = { endpoint: upload.endpoint, region: upload.region, pathStyle: upload.pathStyle };
    return (this.deps.createClient ?? ((t, k, p) => createS3Client(t, k, { parallel: p })))(target, key, upload.parallel);
  }

  private async require(uploadId: string): Promise<StoredUpload> {
    const upload = await this.deps.repo.get(uploadId);
    if (!upload) throw new FerryError('not-found', `No upload with id ${uploadId}.`);
    return upload;
  }

  private toRecord(u: StoredUpload, progress: { parts: number; bytes: number } | undefined): UploadRecord {
    const url = this.urls.get(u.id) ?? null;
    return {
      uploadId: u.id,
      state: u.state,
      filePath: u.filePath,
      fileSize: u.fileSize,
      endpoint: u.endpoint,
      region: u.region,
      bucket: u.bucket,
      key: u.key,
      pathStyle: u.pathStyle,
      partSize: u.partSize,
      partCount: u.partCount,
      partsDone: progress?.parts ?? 0,
      bytesDone: progress?.bytes ?? 0,
      parallel: u.parallel,
      credentialSource: u.credentialSource,
      accessKeyHint: u.accessKeyHint,
      etag: u.etag,
      error: u.error,
      url: url?.url ?? null,
      urlExpiresAt: url?.expiresAt ?? u.urlExpiresAt,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
      completedAt: u.completedAt,
    };
  }
}
