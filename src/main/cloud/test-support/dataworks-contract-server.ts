import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the DataWorks OpenAPI (RPC style, version 2020-05-18) for CONTRACT tests: it checks the
 * documented request shape of the four migration actions and plays back documented answers. What it checks:
 *
 * - common: POST to `/`; `Action` one of the four; `Version` 2020-05-18; `Format` json when given; the RPC v1
 *   signature: `AccessKeyId` (must be the server's), `SignatureMethod` HMAC-SHA1, `SignatureVersion` 1.0,
 *   `SignatureNonce` (unique; a replay is refused), `Timestamp` ISO 8601 UTC (`YYYY-MM-DDThh:mm:ssZ`, within 15 min)
 *   and `Signature`, recomputed here with node:crypto (HMAC-SHA1 of `POST&%2F&<encoded sorted query>`, key
 *   `secret&`), so a wrong secret is a 403 SignatureDoesNotMatch and an unknown key a 403 InvalidAccessKeyId.NotFound;
 *   `x-acs-action` / `x-acs-version` headers, when sent, must agree.
 * - CreateImportMigration: `ProjectId` digits, `Name` (letters, digits, `_`, `.`), `PackageType` one of SPEC,
 *   DATAWORKS_MODEL, DATAWORKS_V2, DATAWORKS_V3; `PackageFile` either an http(s)/oss URL string or a multipart file
 *   (a zip: starts with `PK`, at most 30 MB); `CalculateEngineMap` / `ResourceGroupMap` JSON strings of objects of
 *   string maps, `WorkspaceMap` a JSON string map, `CommitRule` a JSON object of the nine documented booleans.
 * - StartMigration, GetMigrationProcess, GetMigrationSummary: `ProjectId` and `MigrationId` digits, naming a
 *   migration this server created in that project.
 *
 * Answers: `{RequestId, Success: true, Data}`, errors `{RequestId, HostId, Code, Message}` with an HTTP status.
 * After StartMigration each GetMigrationSummary advances the play-back: INIT, IMPORTING (for `importingPolls`
 * polls), then the scenario's final status.
 */

export type ContractOutcome = 'IMPORT_SUCCESS' | 'PARTIAL_SUCCESS' | 'IMPORT_ERROR' | 'REVOKED';

export interface ContractServerOptions {
  accessKeyId: string;
  accessKeySecret: string;
  outcome?: ContractOutcome;
  /** Summary polls that answer IMPORTING before the final status (default 2). */
  importingPolls?: number;
  /** Answer every request of this action with HTTP 503 this many times first (retry tests). */
  failFirst?: { action: string; times: number };
}

export interface RecordedRequest {
  action: string;
  /** Every parameter (query, form or multipart text fields) except Signature. */
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Size of the multipart PackageFile, when one was sent. */
  packageFileBytes: number | null;
  status: number;
  errorCode: string | null;
}

interface ServerMigration {
  id: number;
  projectId: string;
  name: string;
  packageType: string;
  started: boolean;
  polls: number;
  status: string;
  createdAt: string;
}

export interface ContractServer {
  url: string;
  requests: RecordedRequest[];
  migrations: Map<number, ServerMigration>;
  options: ContractServerOptions;
  close(): Promise<void>;
}

const version = '2020-05-18';
const actions = new Set([
  'CreateImportMigration',
  'StartMigration',
  'GetMigrationProcess',
  'GetMigrationSummary',
]);
const packageTypes = new Set(['SPEC', 'DATAWORKS_MODEL', 'DATAWORKS_V2', 'DATAWORKS_V3']);
const commitRuleKeys = [
  'resourceAutoCommit',
  'resourceAutoDeploy',
  'functionAutoCommit',
  'functionAutoDeploy',
  'tableAutoCommitToDev',
  'tableAutoCommitToProd',
  'ignoreLock',
  'fileAutoCommit',
  'fileAutoDeploy',
];
const maxPackageBytes = 30 * 1024 * 1024;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** RFC 3986 percent-encoding as the POP signature wants it. */
function popEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function rpcSignature(params: Record<string, string>, method: string, secret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${popEncode('/')}&${popEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '')
    throw new ApiError(
      400,
      `MissingParameter.${name}`,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    );
  return value;
}

function digits(params: Record<string, string>, name: string): string {
  const value = requireParam(params, name);
  if (!/^\d+$/.test(value))
    throw new ApiError(
      400,
      `InvalidParameter.${name}`,
      `The parameter ${name} must be a Long; got "${value}".`,
    );
  return value;
}

function jsonObject(params: Record<string, string>, name: string): Record<string, unknown> | null {
  const value = params[name];
  if (value === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ApiError(400, `InvalidParameter.${name}`, `The parameter ${name} must be a JSON string.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ApiError(400, `InvalidParameter.${name}`, `The parameter ${name} must be a JSON object.`);
  return parsed as Record<string, unknown>;
}

function stringMap(value: unknown): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

function checkCreate(params: Record<string, string>, packageFileBytes: Buffer | null): void {
  digits(params, 'ProjectId');
  const name = requireParam(params, 'Name');
  if (!/^[A-Za-z0-9_.]+$/.test(name))
    throw new ApiError(
      400,
      'InvalidParameter.Name',
      'The Name may contain letters, digits, underscores and dots only.',
    );
  const type = requireParam(params, 'PackageType');
  if (!packageTypes.has(type))
    throw new ApiError(
      400,
      'InvalidParameter.PackageType',
      `PackageType ${type} is not one of ${[...packageTypes].join(', ')}.`,
    );
  if (packageFileBytes) {
    if (packageFileBytes.length > maxPackageBytes)
      throw new ApiError(400, 'InvalidParameter.PackageFile', 'The package file is larger than 30 MB.');
    if (packageFileBytes.subarray(0, 2).toString('latin1') !== 'PK')
      throw new ApiError(400, 'InvalidParameter.PackageFile', 'The package file is not a zip.');
  } else {
    const file = requireParam(params, 'PackageFile');
    if (!/^(https?|oss):\/\//.test(file))
      throw new ApiError(
        400,
        'InvalidParameter.PackageFile',
        'PackageFile must be an uploaded file or an OSS URL.',
      );
  }
  for (const name of ['CalculateEngineMap', 'ResourceGroupMap']) {
    const map = jsonObject(params, name);
    if (map && !Object.values(map).every(stringMap))
      throw new ApiError(
        400,
        `InvalidParameter.${name}`,
        `${name} maps a type to an object of source -> destination names.`,
      );
  }
  const workspaces = jsonObject(params, 'WorkspaceMap');
  if (workspaces && !stringMap(workspaces))
    throw new ApiError(400, 'InvalidParameter.WorkspaceMap', 'WorkspaceMap maps workspace names to names.');
  const rule = jsonObject(params, 'CommitRule');
  if (rule) {
    for (const [k, v] of Object.entries(rule)) {
      if (!commitRuleKeys.includes(k))
        throw new ApiError(400, 'InvalidParameter.CommitRule', `CommitRule has an unknown key ${k}.`);
      if (typeof v !== 'boolean')
        throw new ApiError(400, 'InvalidParameter.CommitRule', `CommitRule.${k} must be a boolean.`);
    }
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startDataWorksContractServer(options: ContractServerOptions): Promise<ContractServer> {
  const requests: RecordedRequest[] = [];
  const migrations = new Map<number, ServerMigration>();
  const nonces = new Set<string>();
  let nextId = 7_000_001;
  let failures = 0;

  async function handle(
    req: http.IncomingMessage,
  ): Promise<{ data: unknown; record: Omit<RecordedRequest, 'status' | 'errorCode'> }> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    let packageFile: Buffer | null = null;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
    } else if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      for (const [k, v] of form) {
        if (typeof v === 'string') params[k] = v;
        else if (k === 'PackageFile') packageFile = Buffer.from(await v.arrayBuffer());
      }
    }
    const { Signature: signature, ...rest } = params;
    const record = {
      action: params.Action ?? '',
      params: rest,
      headers: req.headers,
      packageFileBytes: packageFile ? packageFile.length : null,
    };
    const fail = (e: ApiError) => Object.assign(e, { record });
    try {
      if (req.method !== 'POST' || url.pathname !== '/')
        throw new ApiError(400, 'UnsupportedHTTPMethod', 'Use POST to /.');
      const action = requireParam(params, 'Action');
      if (!actions.has(action))
        throw new ApiError(404, 'InvalidAction.NotFound', `Specified api ${action} is not found.`);
      if (requireParam(params, 'Version') !== version)
        throw new ApiError(400, 'InvalidVersion', `Specified version ${params.Version} is not valid.`);
      if (params.Format !== undefined && params.Format.toLowerCase() !== 'json')
        throw new ApiError(400, 'InvalidParameter.Format', 'Format must be JSON.');
      const headerAction = req.headers['x-acs-action'];
      const headerVersion = req.headers['x-acs-version'];
      if (
        (headerAction !== undefined && headerAction !== action) ||
        (headerVersion !== undefined && headerVersion !== version)
      )
        throw new ApiError(
          400,
          'InvalidParameter.Header',
          'x-acs-action / x-acs-version disagree with Action / Version.',
        );
      // The v1 RPC signature.
      if (requireParam(params, 'SignatureMethod') !== 'HMAC-SHA1')
        throw new ApiError(400, 'InvalidSignatureMethod', 'SignatureMethod must be HMAC-SHA1.');
      if (requireParam(params, 'SignatureVersion') !== '1.0')
        throw new ApiError(400, 'InvalidSignatureVersion', 'SignatureVersion must be 1.0.');
      const nonce = requireParam(params, 'SignatureNonce');
      const timestamp = requireParam(params, 'Timestamp');
      if (
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) ||
        Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000
      )
        throw new ApiError(
          400,
          'InvalidTimeStamp.Format',
          `Timestamp ${timestamp} is not ISO 8601 UTC within 15 minutes.`,
        );
      const accessKeyId = requireParam(params, 'AccessKeyId');
      if (signature === undefined || signature === '')
        throw new ApiError(400, 'MissingSignature', 'The request is not signed.');
      if (accessKeyId !== options.accessKeyId)
        throw new ApiError(403, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      const expected = rpcSignature(params, 'POST', options.accessKeySecret);
      if (signature !== expected)
        throw new ApiError(
          403,
          'SignatureDoesNotMatch',
          'Specified signature is not matched with our calculation.',
        );
      if (nonces.has(nonce))
        throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
      nonces.add(nonce);
      if (options.failFirst?.action === action && failures < options.failFirst.times) {
        failures += 1;
        throw new ApiError(
          503,
          'ServiceUnavailable',
          'The request has failed due to a temporary failure of the server.',
        );
      }
      return { data: actOn(action, params, packageFile), record };
    } catch (error) {
      if (error instanceof ApiError) throw fail(error);
      throw error;
    }
  }

  function migrationOf(params: Record<string, string>): ServerMigration {
    const projectId = digits(params, 'ProjectId');
    const id = Number(digits(params, 'MigrationId'));
    const m = migrations.get(id);
    if (!m || m.projectId !== projectId)
      throw new ApiError(
        400,
        'Invalid.Tenant.MigrationNotExist',
        `Migration ${id} does not exist in project ${projectId}.`,
      );
    return m;
  }

  function actOn(action: string, params: Record<string, string>, packageFile: Buffer | null): unknown {
    switch (action) {
      case 'CreateImportMigration': {
        checkCreate(params, packageFile);
        const m: ServerMigration = {
          id: nextId++,
          projectId: params.ProjectId,
          name: params.Name,
          packageType: params.PackageType,
          started: false,
          polls: 0,
          status: 'INIT',
          createdAt: new Date().toISOString(),
        };
        migrations.set(m.id, m);
        return m.id;
      }
      case 'StartMigration': {
        const m = migrationOf(params);
        if (m.started)
          throw new ApiError(400, 'Invalid.Migration.Started', `Migration ${m.id} was started already.`);
        m.started = true;
        return true;
      }
      case 'GetMigrationProcess': {
        const m = migrationOf(params);
        const final = m.status !== 'INIT' && m.status !== 'IMPORTING';
        const step = (done: boolean) => (done ? 'SUCCESS' : m.started ? 'RUNNING' : 'INIT');
        return [
          { TaskName: 'PackageUpload', TaskStatus: step(m.started) },
          { TaskName: 'PackageValidate', TaskStatus: step(m.status !== 'INIT') },
          {
            TaskName: 'PackageImport',
            TaskStatus: final
              ? m.status === 'IMPORT_SUCCESS'
                ? 'SUCCESS'
                : m.status === 'PARTIAL_SUCCESS'
                  ? 'PARTIAL_SUCCESS'
                  : 'FAIL'
              : step(false),
          },
        ];
      }
      case 'GetMigrationSummary': {
        const m = migrationOf(params);
        if (m.started && (m.status === 'INIT' || m.status === 'IMPORTING')) {
          m.polls += 1;
          const importing = options.importingPolls ?? 2;
          m.status =
            m.polls === 1
              ? 'INIT'
              : m.polls <= 1 + importing
                ? 'IMPORTING'
                : (options.outcome ?? 'IMPORT_SUCCESS');
        }
        return {
          MigrationId: m.id,
          Name: m.name,
          ProjectId: Number(m.projectId),
          PackageType: m.packageType,
          Status: m.status,
          OpUser: '1234567890',
          GmtCreate: Date.parse(m.createdAt),
          GmtModified: Date.now(),
          ...(m.status === 'PARTIAL_SUCCESS'
            ? { ErrorMessage: '2 of 12 objects were not imported (see the DataWorks import report).' }
            : {}),
          ...(m.status === 'IMPORT_ERROR' ? { ErrorMessage: 'The package could not be imported.' } : {}),
        };
      }
      default:
        throw new ApiError(404, 'InvalidAction.NotFound', `Specified api ${action} is not found.`);
    }
  }

  const server = http.createServer((req, res) => {
    const requestId = randomUUID().toUpperCase();
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    handle(req).then(
      ({ data, record }) => {
        requests.push({ ...record, status: 200, errorCode: null });
        send(200, { RequestId: requestId, Success: true, Data: data });
      },
      (error: unknown) => {
        if (error instanceof ApiError) {
          const record = (error as ApiError & { record: Omit<RecordedRequest, 'status' | 'errorCode'> })
            .record;
          requests.push({ ...record, status: error.status, errorCode: error.code });
          send(error.status, {
            RequestId: requestId,
            HostId: '127.0.0.1',
            Code: error.code,
            Message: error.message,
            Success: false,
          });
        } else {
          send(500, { RequestId: requestId, Code: 'InternalError', Message: String(error) });
        }
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    migrations,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
