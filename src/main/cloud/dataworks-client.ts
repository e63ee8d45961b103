import { promises as fs } from 'node:fs';
import path from 'node:path';
import type OpenApi from '@alicloud/openapi-client';
import { FerryError } from '../../shared/errors';
import type { MigrationStep } from '../../shared/model/cloud-import';
import { localUploadLimitBytes } from '../../shared/model/upload';
import type { AccessKey } from './credentials';
import { alicloudSdk } from './alicloud-sdk';
import { describeDataWorksError, describeDataWorksFailure } from './dataworks-errors';

/** DataWorks OpenAPI (RPC style) version of the migration actions (package-formats.md 2.7). */
export const dataWorksApiVersion = '2020-05-18';

/** The actions Ferry calls; the contract tests cover each. */
export const dataWorksActions = [
  'CreateImportMigration',
  'StartMigration',
  'GetMigrationProcess',
  'GetMigrationSummary',
] as const;
export type DataWorksAction = (typeof dataWorksActions)[number];

export function defaultDataWorksEndpoint(region: string): string {
  return `https://dataworks.${region}.aliyuncs.com`;
}

export interface DataWorksClientOptions {
  /** `https://dataworks.<region>.aliyuncs.com` (the default) or any http(s) URL (the contract server in tests). */
  endpoint: string;
  region: string;
  key: AccessKey;
  /** Per request; default 60 s (a 30 MB upload on a slow line needs the time). */
  timeoutMs?: number;
}

export interface CreateImportMigrationRequest {
  projectId: number;
  name: string;
  description: string;
  packageType: 'SPEC';
  /** A local zip (sent as the `PackageFile` form file, at most 30 MB) or an http(s) URL of the package on OSS. */
  packageFile: { path: string } | { url: string };
  /** The four maps as the API's JSON strings (compileCreateImportMigration makes them). */
  calculateEngineMap: string;
  resourceGroupMap: string;
  workspaceMap: string;
  commitRule: string;
}

/** GetMigrationSummary's Data; `status` is its Status (INIT, IMPORTING, IMPORT_SUCCESS, ...). */
export interface MigrationSummary {
  status: string;
  data: Record<string, unknown>;
}

interface ApiBody {
  RequestId?: string;
  Success?: boolean;
  Data?: unknown;
  Code?: string;
  Message?: string;
}

/**
 * DataWorks' import migration actions over the generic `@alicloud/openapi-client` (the product SDK is not on the
 * registry). RPC style, version 2020-05-18, the v1 RPC signature (HMAC-SHA1 over the sorted query: Signature,
 * SignatureMethod, SignatureNonce, AccessKeyId, Timestamp), which the local contract server checks for real.
 *
 * `PackageFile`: with a URL it is that string (DataWorks reads the package from OSS). A local file of at most 30 MB
 * is posted as the `PackageFile` file of a multipart/form-data body, the other parameters signed in the query (the
 * generic client only sends form-urlencoded bodies, so that one request is built here with the SDK's own signer).
 * The official SDK's "Advance" flow (a temporary OSS upload through the OpenPlatform gateway) is not reproduced.
 */
export class DataWorksClient {
  private readonly sdk: OpenApi;
  private readonly endpointUrl: URL;

  constructor(private readonly options: DataWorksClientOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new FerryError(
        'bad-request',
        `${options.endpoint}: not a URL (expected e.g. ${defaultDataWorksEndpoint(options.region)}).`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new FerryError('bad-request', `${options.endpoint}: the DataWorks endpoint is an http(s) URL.`);
    this.endpointUrl = url;
    const timeout = options.timeoutMs ?? 60_000;
    const { client } = alicloudSdk();
    this.sdk = new client.default(
      new client.Config({
        accessKeyId: options.key.accessKeyId,
        accessKeySecret: options.key.secretAccessKey,
        securityToken: options.key.sessionToken,
        endpoint: url.host,
        protocol: url.protocol.slice(0, -1).toUpperCase(),
        regionId: options.region,
        signatureAlgorithm: 'v2',
        readTimeout: timeout,
        connectTimeout: Math.min(timeout, 15_000),
      }),
    );
  }

  get endpoint(): string {
    return this.endpointUrl.origin;
  }

  /** Creates the import task; returns DataWorks' migration id. */
  async createImportMigration(request: CreateImportMigrationRequest): Promise<string> {
    const query: Record<string, string> = {
      ProjectId: String(request.projectId),
      Name: request.name,
      Description: request.description,
      PackageType: request.packageType,
      CalculateEngineMap: request.calculateEngineMap,
      ResourceGroupMap: request.resourceGroupMap,
      WorkspaceMap: request.workspaceMap,
      CommitRule: request.commitRule,
    };
    let body: ApiBody;
    if ('url' in request.packageFile) {
      body = await this.call('CreateImportMigration', { ...query, PackageFile: request.packageFile.url });
    } else {
      body = await this.postPackageFile(query, request.packageFile.path);
    }
    const id = body.Data;
    if ((typeof id !== 'number' && typeof id !== 'string') || String(id) === '')
      throw new FerryError(
        'malformed-document',
        `DataWorks CreateImportMigration answered without a migration id (request id ${body.RequestId ?? 'none'}).`,
      );
    return String(id);
  }

  async startMigration(projectId: number, migrationId: string): Promise<void> {
    const body = await this.call('StartMigration', {
      ProjectId: String(projectId),
      MigrationId: migrationId,
    });
    if (body.Data === false)
      throw new FerryError(
        'conflict',
        `DataWorks did not start migration ${migrationId} (request id ${body.RequestId ?? 'none'}).`,
      );
  }

  /** The import's steps and their states, in DataWorks' order. */
  async getMigrationProcess(projectId: number, migrationId: string): Promise<MigrationStep[]> {
    const body = await this.call('GetMigrationProcess', {
      ProjectId: String(projectId),
      MigrationId: migrationId,
    });
    const data = Array.isArray(body.Data) ? (body.Data as unknown[]) : [];
    return data.map((step) => {
      const s = (step ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
      return { name: text(s.TaskName), status: text(s.TaskStatus) };
    });
  }

  async getMigrationSummary(projectId: number, migrationId: string): Promise<MigrationSummary> {
    const body = await this.call('GetMigrationSummary', {
      ProjectId: String(projectId),
      MigrationId: migrationId,
    });
    const data = body.Data && typeof body.Data === 'object' ? (body.Data as Record<string, unknown>) : null;
    if (!data || typeof data.Status !== 'string')
      throw new FerryError(
        'malformed-document',
        `DataWorks GetMigrationSummary answered without a Status (request id ${body.RequestId ?? 'none'}).`,
      );
    return { status: data.Status, data };
  }

  private async call(action: DataWorksAction, query: Record<string, string>): Promise<ApiBody> {
    const { client, tea } = alicloudSdk();
    const params = new client.Params({
      action,
      version: dataWorksApiVersion,
      protocol: this.endpointUrl.protocol.slice(0, -1).toUpperCase(),
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    let response: { body?: unknown };
    try {
      response = await this.sdk.callApi(params, new client.OpenApiRequest({ query }), new tea.RuntimeOptions({}));
    } catch (error) {
      throw describeDataWorksError(error, action, this.endpoint, this.options.key);
    }
    return this.checkBody(action, response.body);
  }

  private checkBody(action: DataWorksAction, raw: unknown): ApiBody {
    const body = (raw && typeof raw === 'object' ? raw : {}) as ApiBody;
    if (body.Success === false) throw describeDataWorksFailure(action, 200, body, this.options.key);
    return body;
  }

  /** CreateImportMigration with the package as the multipart `PackageFile` file (at most 30 MB). */
  private async postPackageFile(query: Record<string, string>, file: string): Promise<ApiBody> {
    const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new FerryError(
        error.code === 'ENOENT' ? 'not-found' : 'io',
        `${file}: ${error.code === 'ENOENT' ? 'no such package file' : `cannot read (${error.code})`}`,
      );
    });
    if (!stat.isFile()) throw new FerryError('not-a-file', `${file}: not a file.`);
    assertLocalUploadSize(file, stat.size);
    const key = this.options.key;
    const { util, tea } = alicloudSdk();
    const signed: Record<string, string> = {
      Action: 'CreateImportMigration',
      Format: 'json',
      Version: dataWorksApiVersion,
      Timestamp: util.getTimestamp(),
      SignatureNonce: tea.default.getNonce(),
      ...query,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: key.accessKeyId,
      ...(key.sessionToken ? { SecurityToken: key.sessionToken } : {}),
    };
    signed.Signature = util.getRPCSignature(signed, 'POST', key.secretAccessKey);
    const form = new FormData();
    form.append(
      'PackageFile',
      new Blob([await fs.readFile(file)], { type: 'application/zip' }),
      path.basename(file),
    );
    const url = new URL('/', this.endpointUrl);
    for (const [k, v] of Object.entries(signed)) url.searchParams.set(k, v);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: form,
        headers: {
          'x-acs-action': 'CreateImportMigration',
          'x-acs-version': dataWorksApiVersion,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw describeDataWorksError(error, 'CreateImportMigration', this.endpoint, key);
    }
    const text = await response.text();
    let body: ApiBody;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      throw new FerryError(
        'malformed-document',
        `DataWorks CreateImportMigration answered HTTP ${response.status} with a body that is not JSON.`,
      );
    }
    if (!response.ok) throw describeDataWorksFailure('CreateImportMigration', response.status, body, key);
    return this.checkBody('CreateImportMigration', body);
  }
}

/** DataWorks takes a local package of at most 30 MB; larger ones go to OSS first. */
export function assertLocalUploadSize(file: string, size: number): void {
  if (size > localUploadLimitBytes)
    throw new FerryError(
      'unsupported',
      `${file}: ${(size / 1024 / 1024).toFixed(1)} MB is over the 30 MB DataWorks accepts as a local file. Upload it to OSS with \`ferry upload ${path.basename(file)} --endpoint ... --bucket ...\` and import the link it prints: \`ferry cloud import <url> ...\`.`,
    );
}
