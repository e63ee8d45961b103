import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import type { CloudImportInput } from '../../shared/model/cloud-import';
import { createCloudImportRepository } from '../history/cloud-import-repository';
import { openHistoryDatabase, type SqliteDatabase } from '../history/history-database';
import { JobRunner } from '../jobs/job-runner';
import { completeProfile } from '../mapping/mapping-samples.test-support';
import { CloudImportService } from './cloud-import-service';
import {
  startDataWorksContractServer,
  type ContractOutcome,
  type ContractServer,
} from './test-support/dataworks-contract-server';

const keyId = 'LTAI5tServiceKeyIdAB12';
const secret = 'service-secret-Kk3Ll4Mm5Nn6';
const env = { FERRY_DATAWORKS_ACCESS_KEY_ID: keyId, FERRY_DATAWORKS_ACCESS_KEY_SECRET: secret };
const presigned =
  'https://ferry-pkgs.oss-cn-hangzhou.aliyuncs.com/handoff/pkg.zip?X-Amz-Credential=LTAIossKey&X-Amz-Signature=abcdef';

describe('contract: cloud import job (CreateImportMigration -> StartMigration -> polling) with history', () => {
  let dir: string;
  let dbFile: string;
  let db: SqliteDatabase;
  let server: ContractServer | null = null;
  let jobs: JobRunner;
  let zip: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-cloud-import-'));
    dbFile = path.join(dir, 'history.db');
    db = openHistoryDatabase(dbFile);
    jobs = new JobRunner({ onUpdate: () => {}, throttleMs: 0 });
    zip = path.join(dir, 'handoff.zip');
    await fs.writeFile(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64 * 1024, 7)]));
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    db.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function setup(
    outcome: ContractOutcome,
    extra: Partial<Parameters<typeof startDataWorksContractServer>[0]> = {},
  ) {
    server = await startDataWorksContractServer({
      accessKeyId: keyId,
      accessKeySecret: secret,
      outcome,
      importingPolls: 2,
      ...extra,
    });
    const service = new CloudImportService({
      repo: createCloudImportRepository(db),
      jobs,
      env,
      poll: { initialMs: 5, maxMs: 20 },
    });
    const input = (over: Partial<CloudImportInput>): CloudImportInput => ({
      profile: completeProfile(),
      projectId: 4242,
      region: 'cn-hangzhou',
      endpoint: server!.url,
      name: 'ferry_handoff_1',
      credentials: { source: 'env' },
      ...over,
    });
    return { service, input };
  }

  async function secretsOnDisk(): Promise<string[]> {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const found: string[] = [];
    for (const name of await fs.readdir(dir)) {
      if (!name.startsWith('history.db')) continue;
      const bytes = await fs.readFile(path.join(dir, name));
      for (const s of [secret, keyId, 'X-Amz-Signature', 'LTAIossKey'])
        if (bytes.includes(Buffer.from(s))) found.push(`${name}: ${s}`);
    }
    return found;
  }

  it('a local package (<= 30 MB) to IMPORT_SUCCESS: every state in history, maps from the profile, no secret on disk', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS');
    const { jobId, importId } = await service.start(input({ packagePath: zip }));
    await service.settled(importId);
    expect(jobs.get(jobId)?.state).toBe('succeeded');
    const record = (await service.get(importId))!;
    expect(record.state).toBe('IMPORT_SUCCESS');
    expect(record.states.map((s) => s.state)).toEqual(['CREATING', 'INIT', 'IMPORTING', 'IMPORT_SUCCESS']);
    expect(record.migrationId).toMatch(/^\d+$/);
    expect(record).toMatchObject({
      packageKind: 'file',
      packageRef: zip,
      projectId: 4242,
      accessKeyHint: '…AB12',
      credentialSource: 'env',
    });
    expect(record.summary).toMatchObject({ Status: 'IMPORT_SUCCESS', ProjectId: 4242 });
    expect(record.steps.map((s) => s.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(record.finishedAt).not.toBeNull();
    const create = server!.requests.find((r) => r.action === 'CreateImportMigration')!;
    expect(create.packageFileBytes).toBe(64 * 1024 + 4);
    expect(create.params.PackageType).toBe('SPEC');
    expect(JSON.parse(create.params.CalculateEngineMap)).toEqual({
      ODPS: { retail_dev_mc: 'retail_prod_mc' },
      EMR: { retail_dev_emr: 'retail_prod_emr' },
      HOLOGRES: { retail_dev_holo: 'retail_prod_holo' },
    });
    expect(JSON.parse(create.params.WorkspaceMap)).toEqual({
      retail_dev: 'retail_prod',
      finance_dev: 'finance_prod',
    });
    expect(Object.keys(JSON.parse(create.params.ResourceGroupMap) as object)).toEqual([
      'SCHEDULER_RESOURCE_GROUP',
      'DI_RESOURCE_GROUP',
    ]);
    expect(server!.requests.map((r) => r.action).slice(0, 2)).toEqual([
      'CreateImportMigration',
      'StartMigration',
    ]);
    expect(server!.requests.every((r) => r.status === 200)).toBe(true);
    expect(await secretsOnDisk()).toEqual([]);
  });

  it('an OSS URL to PARTIAL_SUCCESS: the URL is sent whole, history keeps it without the signed query', async () => {
    const { service, input } = await setup('PARTIAL_SUCCESS');
    const { jobId, importId } = await service.start(input({ url: presigned }));
    await service.settled(importId);
    expect(jobs.get(jobId)?.state).toBe('succeeded');
    const record = (await service.get(importId))!;
    expect(record.states.map((s) => s.state)).toEqual(['CREATING', 'INIT', 'IMPORTING', 'PARTIAL_SUCCESS']);
    expect(record).toMatchObject({
      packageKind: 'url',
      packageRef: 'https://ferry-pkgs.oss-cn-hangzhou.aliyuncs.com/handoff/pkg.zip',
    });
    expect(record.summary?.ErrorMessage).toMatch(/2 of 12/);
    expect(record.steps.at(-1)).toEqual({ name: 'PackageImport', status: 'PARTIAL_SUCCESS' });
    expect(server!.requests[0].params.PackageFile).toBe(presigned);
    expect(await secretsOnDisk()).toEqual([]);
  });

  it('IMPORT_ERROR: the job fails with the server reason; history says IMPORT_ERROR', async () => {
    const { service, input } = await setup('IMPORT_ERROR');
    const { jobId, importId } = await service.start(input({ url: presigned }));
    await service.settled(importId);
    expect(jobs.get(jobId)?.state).toBe('failed');
    expect(jobs.get(jobId)?.error?.message).toMatch(/ended IMPORT_ERROR: The package could not be imported/);
    const record = (await service.get(importId))!;
    expect(record.state).toBe('IMPORT_ERROR');
    expect(record.error).toMatch(/IMPORT_ERROR/);
  });

  it('transient 503s while polling are retried with backoff', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS', {
      failFirst: { action: 'GetMigrationSummary', times: 2 },
    });
    const { jobId, importId } = await service.start(input({ url: presigned }));
    await service.settled(importId);
    expect(jobs.get(jobId)?.state).toBe('succeeded');
    expect(server!.requests.filter((r) => r.status === 503)).toHaveLength(2);
    expect((await service.get(importId))!.state).toBe('IMPORT_SUCCESS');
  });

  it('cancel stops polling and records CANCELLED with the migration id', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS', { importingPolls: 1_000_000 });
    const { jobId, importId } = await service.start(input({ url: presigned }));
    await expect.poll(async () => (await service.get(importId))?.state, { timeout: 5000 }).toBe('IMPORTING');
    jobs.cancel(jobId);
    await service.settled(importId);
    expect(jobs.get(jobId)?.state).toBe('cancelled');
    const record = (await service.get(importId))!;
    expect(record.states.map((s) => s.state)).toEqual(['CREATING', 'INIT', 'IMPORTING', 'CANCELLED']);
    expect(record.error).toContain(`Stopped following DataWorks migration ${record.migrationId}`);
    const polls = server!.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(server!.requests.length).toBe(polls);
  });

  it('follow: a cancelled import is followed again to its final state; final or id-less imports are refused', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS', { importingPolls: 1_000_000 });
    const { jobId, importId } = await service.start(input({ url: presigned }));
    await expect.poll(async () => (await service.get(importId))?.state, { timeout: 5000 }).toBe('IMPORTING');
    jobs.cancel(jobId);
    await service.settled(importId);
    server!.options.importingPolls = 0;
    const requestsBefore = server!.requests.length;
    const again = await service.follow(importId, { pollIntervalMs: 5 });
    expect(again.importId).toBe(importId);
    await service.settled(importId);
    expect(jobs.get(again.jobId)?.state).toBe('succeeded');
    const record = (await service.get(importId))!;
    expect(record.states.map((s) => s.state)).toEqual([
      'CREATING',
      'INIT',
      'IMPORTING',
      'CANCELLED',
      'IMPORT_SUCCESS',
    ]);
    expect(record.error).toBeNull();
    const actions = server!.requests.slice(requestsBefore).map((r) => r.action);
    expect(actions).not.toContain('CreateImportMigration');
    expect(actions).not.toContain('StartMigration');
    await expect(service.follow(importId)).rejects.toThrow(
      /ended IMPORT_SUCCESS; there is nothing to follow/,
    );
    await expect(service.follow('nope')).rejects.toThrow(/No cloud import with id nope/);
  });

  it('wrong credentials: the server answers 403, the job fails with a clear unauthorized error, no secret anywhere', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS');
    const wrongSecret = 'wrong-secret-Qq1Ww2Ee3Rr4';
    const bad = new CloudImportService({
      repo: createCloudImportRepository(db),
      jobs,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: keyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrongSecret },
      poll: { initialMs: 5 },
    });
    const { jobId, importId } = await bad.start(input({ packagePath: zip }));
    await bad.settled(importId);
    expect(server!.requests[0]).toMatchObject({ status: 403, errorCode: 'SignatureDoesNotMatch' });
    const job = jobs.get(jobId)!;
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('unauthorized');
    expect(job.error?.message).toMatch(
      /CreateImportMigration refused \(HTTP 403\) SignatureDoesNotMatch.*Check the access key …AB12/,
    );
    const record = (await service.get(importId))!;
    expect(record.states.map((s) => s.state)).toEqual(['CREATING', 'FAILED']);
    for (const text of [job.error!.message, record.error!]) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain(keyId);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = await fs.readFile(dbFile);
    expect(bytes.includes(Buffer.from(wrongSecret))).toBe(false);
    expect(bytes.includes(Buffer.from(keyId))).toBe(false);
  });

  it('refuses before any request: a package over 30 MB (pointing to ferry upload), no key, a bad task name', async () => {
    const { service, input } = await setup('IMPORT_SUCCESS');
    const big = path.join(dir, 'big.zip');
    await fs.writeFile(big, '');
    await fs.truncate(big, 31 * 1024 * 1024);
    await expect(service.start(input({ packagePath: big }))).rejects.toThrow(/over the 30 MB.*ferry upload/s);
    const noKey = new CloudImportService({ repo: createCloudImportRepository(db), jobs, env: {} });
    await expect(noKey.start(input({ url: presigned }))).rejects.toThrow(
      /No DataWorks access key: set FERRY_DATAWORKS_ACCESS_KEY_ID/,
    );
    const error = await service.start(input({ url: presigned, name: 'bad name!' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FerryError);
    expect(server!.requests).toHaveLength(0);
    expect(await service.list(10)).toEqual([]);
  });
});
