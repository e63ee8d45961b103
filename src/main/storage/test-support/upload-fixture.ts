import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { openHistoryDatabase, type SqliteDatabase } from '../../history/history-database';
import { createUploadRepository, type UploadRepository } from '../../history/upload-repository';
import { JobRunner } from '../../jobs/job-runner';
import { UploadService, type UploadServiceDeps } from '../upload-service';

/** The Swift account the tests upload with (scripts/swift-test-server.sh): distinctive, so a grep finds leaks. */
export const testKey = { accessKeyId: 'ferry:uploader', secretAccessKey: 'Ferry-Secret-7f3a9c' };
export const testEnv = { FERRY_OSS_ACCESS_KEY_ID: testKey.accessKeyId, FERRY_OSS_ACCESS_KEY_SECRET: testKey.secretAccessKey };

export function adminClient(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: testKey, maxAttempts: 1 });
}

export async function createBucket(endpoint: string, name: string): Promise<void> {
  const client = adminClient(endpoint);
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } finally {
    client.destroy();
  }
}

/** A file of random bytes in a temporary folder. */
export function randomFile(dir: string, name: string, size: number): string {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  const chunk = 8 * 1024 * 1024;
  for (let written = 0; written < size; written += chunk) fs.writeSync(fd, randomBytes(Math.min(chunk, size - written)));
  fs.closeSync(fd);
  return file;
}

export interface UploadFixture {
  root: string;
  dbFile: string;
  db: SqliteDatabase;
  repo: UploadRepository;
  jobs: JobRunner;
  service: UploadService;
  close(): void;
}

export function createUploadFixture(prefix: string, deps: Partial<UploadServiceDeps> = {}): UploadFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbFile = path.join(root, 'home', 'history.db');
  const db = openHistoryDatabase(dbFile);
  const repo = createUploadRepository(db);
  const jobs = new JobRunner({ onUpdate: () => {} });
  const service = new UploadService({ repo, jobs, env: testEnv, retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 }, ...deps });
  return {
    root,
    dbFile,
    db,
    repo,
    jobs,
    service,
    close() {
      db.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
