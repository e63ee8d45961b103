import { FerryError } from '../../shared/errors';
import { redactSecrets, type AccessKey } from './credentials';

/** What the S3 SDK (or the socket under it) threw, as far as deciding and explaining goes. */
interface S3ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
  cause?: unknown;
}

const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'ThrottlingException',
]);

function statusOf(e: S3ErrorLike): number | undefined {
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
}

function codeOf(e: S3ErrorLike): string {
  const cause = e.cause as S3ErrorLike | undefined;
  return e.Code ?? e.code ?? cause?.code ?? e.name ?? '';
}

/** True for an abort the caller asked for (pause, cancel, shutdown). */
export function isAbort(error: unknown): boolean {
  const e = error as S3ErrorLike | null;
  return !!e && (e.name === 'AbortError' || e.code === 'ABORT_ERR');
}

/**
 * Worth trying again: 5xx, throttling, timeouts and dropped or refused connections. 4xx answers (bad key, no bucket,
 * bad digest) are not: the same request would get the same answer.
 */
export function isTransient(error: unknown): boolean {
  if (isAbort(error)) return false;
  const e = (error ?? {}) as S3ErrorLike;
  const status = statusOf(e);
  if (status !== undefined && status >= 500) return true;
  if (status === 408 || status === 429) return true;
  if (status !== undefined && status >= 400) return false;
  const code = codeOf(e);
  if (transientCodes.has(code)) return true;
  return /ECONNRESET|ECONNREFUSED|socket hang up|timed? ?out|EPIPE/i.test(e.message ?? '');
}

/**
 * One line for people, with the key redacted: wrong credentials, a missing bucket, a server that is not there, or
 * the server's own code and status.
 */
export function describeS3Error(error: unknown, where: { endpoint: string; bucket: string }, key?: AccessKey | null): FerryError {
  const described = describe(error, where, key);
  // Codes and messages come from the server and the SDK: whatever they echo, the key does not get out.
  return new FerryError(described.code, redactSecrets(described.message, key), described.details);
}

function describe(error: unknown, where: { endpoint: string; bucket: string }, key?: AccessKey | null): FerryError {
  if (error instanceof FerryError) return error;
  const e = (error ?? {}) as S3ErrorLike;
  const code = codeOf(e);
  const status = statusOf(e);
  const raw = redactSecrets(String(e.message ?? error), key).split('\n')[0].slice(0, 200);
  switch (code) {
    case 'SignatureDoesNotMatch':
      return new FerryError('unauthorized', `${where.endpoint}: the access key secret is wrong (SignatureDoesNotMatch). Check the credentials; the upload can be resumed.`);
    case 'InvalidAccessKeyId':
      return new FerryError('unauthorized', `${where.endpoint}: the access key id is unknown to the server (InvalidAccessKeyId). Check the credentials; the upload can be resumed.`);
    case 'AccessDenied':
      return new FerryError('unauthorized', `${where.endpoint}: access denied to bucket ${where.bucket} (AccessDenied): the key lacks permission.`);
    case 'NoSuchBucket':
      return new FerryError('not-found', `${where.endpoint}: bucket ${where.bucket} does not exist (NoSuchBucket).`);
    case 'NoSuchUpload':
      return new FerryError('not-found', `${where.endpoint}: the server no longer knows this multipart upload (NoSuchUpload): it was aborted or expired.`);
    case 'BadDigest':
    case 'InvalidDigest':
      return new FerryError('io', `${where.endpoint}: a part arrived damaged (${code}); it will be sent again on resume.`);
    case 'ECONNREFUSED':
      return new FerryError('io', `${where.endpoint}: connection refused: the server is not reachable. The upload can be resumed.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FerryError('io', `${where.endpoint}: host not found (${code}). Check the endpoint and the network.`);
    default:
      if (status === 403) return new FerryError('unauthorized', `${where.endpoint}: access denied (403 ${code || 'Forbidden'}).`);
      if (status === 404) return new FerryError('not-found', `${where.endpoint}: not found (404 ${code || 'NotFound'}).`);
      if (isTransient(error)) return new FerryError('io', `${where.endpoint}: ${code || 'network error'}${status ? ` (HTTP ${status})` : ''}: ${raw}. The upload can be resumed.`);
      return new FerryError('io', `${where.endpoint}: ${code || 'error'}${status ? ` (HTTP ${status})` : ''}: ${raw}`);
  }
}
