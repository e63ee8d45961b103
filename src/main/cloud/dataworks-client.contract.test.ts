import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { DataWorksClient, type CreateImportMigrationRequest } from './dataworks-client';
import {
  rpcSignature,
  startDataWorksContractServer,
  type ContractServer,
} from './test-support/dataworks-contract-server';

const key = { accessKeyId: 'LTAI5tContractKeyId0001', secretAccessKey: 'contract-secret-Zx9Qw7Er5Ty3' };

function createRequest(overrides: Partial<CreateImportMigrationRequest> = {}): CreateImportMigrationRequest {
  return {
    projectId: 12345,
    name: 'ferry_contract_1',
    description: 'contract test',
    packageType: 'SPEC',
    packageFile: { url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/pkg.zip?Expires=1&Signature=x' },
    calculateEngineMap: JSON.stringify({ ODPS: { src_mc: 'dst_mc' } }),
    resourceGroupMap: JSON.stringify({ SCHEDULER_RESOURCE_GROUP: { src_rg: 'dst_rg' } }),
    workspaceMap: JSON.stringify({ src_ws: 'dst_ws' }),
    commitRule: JSON.stringify({ resourceAutoCommit: false, fileAutoCommit: true }),
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<FerryError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

describe('contract: DataWorks OpenAPI migration actions (RPC 2020-05-18)', () => {
  let server: ContractServer;
  let client: DataWorksClient;
  let dir: string;

  beforeAll(async () => {
    server = await startDataWorksContractServer({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.secretAccessKey,
      importingPolls: 1,
    });
    client = new DataWorksClient({ endpoint: server.url, region: 'cn-hangzhou', key });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-dw-contract-'));
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const last = () => server.requests.at(-1)!;

  it('CreateImportMigration with an OSS URL: documented parameters, signed; answers the migration id', async () => {
    const id = await client.createImportMigration(createRequest());
    expect(id).toMatch(/^\d+$/);
    const r = last();
    expect(r.status).toBe(200);
    expect(r.action).toBe('CreateImportMigration');
    expect(r.params).toMatchObject({
      Action: 'CreateImportMigration',
      Version: '2020-05-18',
      ProjectId: '12345',
      Name: 'ferry_contract_1',
      PackageType: 'SPEC',
      PackageFile: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/pkg.zip?Expires=1&Signature=x',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: key.accessKeyId,
    });
    expect(JSON.parse(r.params.CalculateEngineMap)).toEqual({ ODPS: { src_mc: 'dst_mc' } });
    expect(JSON.parse(r.params.WorkspaceMap)).toEqual({ src_ws: 'dst_ws' });
    expect(r.params.Timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(r.params.SignatureNonce).toBeTruthy();
    expect(server.migrations.get(Number(id))?.packageType).toBe('SPEC');
  });

  it('CreateImportMigration with a local zip: PackageFile as a multipart file, the rest signed in the query', async () => {
    const zip = path.join(dir, 'pkg.zip');
    await fs.writeFile(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2048, 1)]));
    const id = await client.createImportMigration(createRequest({ packageFile: { path: zip } }));
    expect(id).toMatch(/^\d+$/);
    expect(last()).toMatchObject({ status: 200, packageFileBytes: 2052 });
    expect(last().params.PackageFile).toBeUndefined();
    expect(last().params.PackageType).toBe('SPEC');
  });

  it('CreateImportMigration refuses a local file over 30 MB before sending, pointing to ferry upload', async () => {
    const big = path.join(dir, 'big.zip');
    await fs.writeFile(big, '');
    await fs.truncate(big, 30 * 1024 * 1024 + 1);
    const count = server.requests.length;
    const error = await rejection(
      client.createImportMigration(createRequest({ packageFile: { path: big } })),
    );
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/30 MB.*ferry upload/s);
    expect(server.requests.length).toBe(count);
  });

  it('StartMigration, GetMigrationProcess and GetMigrationSummary: ProjectId and MigrationId, INIT -> IMPORTING -> IMPORT_SUCCESS', async () => {
    const id = await client.createImportMigration(createRequest());
    expect((await client.getMigrationSummary(12345, id)).status).toBe('INIT');
    expect((await client.getMigrationProcess(12345, id)).every((s) => s.status === 'INIT')).toBe(true);
    await client.startMigration(12345, id);
    expect(last().params).toMatchObject({ Action: 'StartMigration', ProjectId: '12345', MigrationId: id });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push((await client.getMigrationSummary(12345, id)).status);
    expect(seen).toEqual(['INIT', 'IMPORTING', 'IMPORT_SUCCESS', 'IMPORT_SUCCESS']);
    expect(last().params).toMatchObject({
      Action: 'GetMigrationSummary',
      ProjectId: '12345',
      MigrationId: id,
    });
    const steps = await client.getMigrationProcess(12345, id);
    expect(last().params).toMatchObject({
      Action: 'GetMigrationProcess',
      ProjectId: '12345',
      MigrationId: id,
    });
    expect(steps.map((s) => s.name)).toEqual(['PackageUpload', 'PackageValidate', 'PackageImport']);
    expect(steps.every((s) => s.status === 'SUCCESS')).toBe(true);
  });

  it('the server really checks: a wrong PackageType becomes a clear bad-request naming the parameter', async () => {
    const error = await rejection(
      client.createImportMigration({ ...createRequest(), packageType: 'ZIP' as 'SPEC' }),
    );
    expect(last()).toMatchObject({ status: 400, errorCode: 'InvalidParameter.PackageType' });
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain(
      'DataWorks CreateImportMigration refused (HTTP 400) InvalidParameter.PackageType',
    );
  });

  it('the server really checks: a map that is not a JSON object, a bad CommitRule, a non-numeric ProjectId', async () => {
    await rejection(client.createImportMigration(createRequest({ calculateEngineMap: '{"ODPS": "dst"}' })));
    expect(last().errorCode).toBe('InvalidParameter.CalculateEngineMap');
    await rejection(client.createImportMigration(createRequest({ commitRule: '{"fileAutoCommit": "yes"}' })));
    expect(last().errorCode).toBe('InvalidParameter.CommitRule');
    await rejection(client.createImportMigration(createRequest({ workspaceMap: 'not json' })));
    expect(last().errorCode).toBe('InvalidParameter.WorkspaceMap');
    const error = await rejection(client.createImportMigration(createRequest({ projectId: 1.5 })));
    expect(last().errorCode).toBe('InvalidParameter.ProjectId');
    expect(error.message).toMatch(/ProjectId must be a Long/);
  });

  it('the server really checks: an unknown migration id for StartMigration / GetMigrationSummary', async () => {
    const error = await rejection(client.startMigration(12345, '999'));
    expect(last().errorCode).toBe('Invalid.Tenant.MigrationNotExist');
    expect(error.message).toMatch(/StartMigration refused .*Migration 999 does not exist/);
    await rejection(client.getMigrationProcess(12345, '999'));
    expect(last()).toMatchObject({
      action: 'GetMigrationProcess',
      errorCode: 'Invalid.Tenant.MigrationNotExist',
    });
    await rejection(client.getMigrationSummary(99, '7000001'));
    expect(last()).toMatchObject({
      action: 'GetMigrationSummary',
      errorCode: 'Invalid.Tenant.MigrationNotExist',
    });
  });

  it('wrong secret: 403 SignatureDoesNotMatch, an unauthorized error without the secret', async () => {
    const wrong = { accessKeyId: key.accessKeyId, secretAccessKey: 'wrong-secret-Pp0Oo9Ii8' };
    const bad = new DataWorksClient({ endpoint: server.url, region: 'cn-hangzhou', key: wrong });
    const error = await rejection(bad.createImportMigration(createRequest()));
    expect(last()).toMatchObject({ status: 403, errorCode: 'SignatureDoesNotMatch' });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/HTTP 403.*SignatureDoesNotMatch.*Check the access key …0001/);
    expect(error.message).not.toContain(wrong.secretAccessKey);
    expect(error.message).not.toContain(key.accessKeyId);
  });

  it('unknown access key id (also for the multipart request): 403 InvalidAccessKeyId.NotFound', async () => {
    const zip = path.join(dir, 'pkg2.zip');
    await fs.writeFile(zip, 'PK\x03\x04');
    const bad = new DataWorksClient({
      endpoint: server.url,
      region: 'cn-hangzhou',
      key: { accessKeyId: 'LTAIunknownKey9999', secretAccessKey: 'whatever-secret-1' },
    });
    const error = await rejection(bad.createImportMigration(createRequest({ packageFile: { path: zip } })));
    expect(last()).toMatchObject({ status: 403, errorCode: 'InvalidAccessKeyId.NotFound' });
    expect(error.code).toBe('unauthorized');
    expect(error.message).not.toContain('whatever-secret-1');
  });

  it('a server that is not there: a clear io error naming the endpoint', async () => {
    const gone = new DataWorksClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'cn-hangzhou',
      key,
      timeoutMs: 3000,
    });
    const error = await rejection(gone.getMigrationSummary(1, '1'));
    expect(error.code).toBe('io');
    expect(error.message).toContain('Cannot reach DataWorks at http://127.0.0.1:9 (GetMigrationSummary)');
  });
});

describe('contract: the contract server checks the RPC signature itself (raw requests)', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startDataWorksContractServer({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.secretAccessKey,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const base = (over: Record<string, string> = {}): Record<string, string> => ({
    Action: 'GetMigrationSummary',
    Format: 'json',
    Version: '2020-05-18',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    SignatureNonce: `${Math.random()}`,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: key.accessKeyId,
    ProjectId: '1',
    MigrationId: '1',
    ...over,
  });
  async function send(params: Record<string, string>, sign = true, tamper: Record<string, string> = {}) {
    const signed = sign
      ? { ...params, Signature: rpcSignature(params, 'POST', key.secretAccessKey) }
      : params;
    const response = await fetch(
      `${server.url}/?${new URLSearchParams({ ...signed, ...tamper }).toString()}`,
      { method: 'POST' },
    );
    const body = (await response.json()) as { Code?: string };
    return { status: response.status, code: body.Code };
  }

  it('accepts a correctly signed request (the check is not a blanket refusal)', async () => {
    expect(await send(base())).toEqual({ status: 400, code: 'Invalid.Tenant.MigrationNotExist' });
  });

  it('refuses a missing signature, a parameter changed after signing, a replayed nonce, an old timestamp', async () => {
    expect(await send(base(), false)).toMatchObject({ status: 400, code: 'MissingSignature' });
    expect(await send(base(), true, { ProjectId: '2' })).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    const once = base();
    await send(once);
    expect(await send(once)).toMatchObject({ code: 'SignatureNonceUsed' });
    expect(await send(base({ Timestamp: '2020-01-01T00:00:00Z' }))).toMatchObject({
      code: 'InvalidTimeStamp.Format',
    });
    expect(await send(base({ Timestamp: new Date().toString() }))).toMatchObject({
      code: 'InvalidTimeStamp.Format',
    });
  });

  it('refuses another signature method, version, action, or a missing AccessKeyId', async () => {
    expect(await send(base({ SignatureMethod: 'HMAC-SHA256' }))).toMatchObject({
      code: 'InvalidSignatureMethod',
    });
    expect(await send(base({ Version: '2024-05-18' }))).toMatchObject({ code: 'InvalidVersion' });
    expect(await send(base({ Action: 'DeleteProject' }))).toMatchObject({
      status: 404,
      code: 'InvalidAction.NotFound',
    });
    const { AccessKeyId: _omit, ...noKey } = base();
    expect(await send(noKey)).toMatchObject({ code: 'MissingParameter.AccessKeyId' });
  });

  it('refuses CreateImportMigration without a PackageFile or with a non-zip multipart file', async () => {
    const create = base({ Action: 'CreateImportMigration', Name: 'n1', PackageType: 'SPEC' });
    delete create.MigrationId;
    expect(await send(create)).toMatchObject({ code: 'MissingParameter.PackageFile' });
    const params = { ...create, SignatureNonce: `${Math.random()}` };
    const form = new FormData();
    form.append('PackageFile', new Blob([Buffer.from('not a zip')]), 'x.zip');
    const query = new URLSearchParams({
      ...params,
      Signature: rpcSignature(params, 'POST', key.secretAccessKey),
    });
    const response = await fetch(`${server.url}/?${query.toString()}`, { method: 'POST', body: form });
    expect(((await response.json()) as { Code: string }).Code).toBe('InvalidParameter.PackageFile');
  });
});
