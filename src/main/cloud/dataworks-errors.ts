import { FerryError, type ErrorCode } from '../../shared/errors';
import { accessKeyHint, redactSecrets, type AccessKey } from './credentials';

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Codes DataWorks (the POP gateway) answers for a key it refuses. */
const authCodes =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden|NoPermission)/i;

interface ServerError {
  Code?: unknown;
  Message?: unknown;
  RequestId?: unknown;
}

/** Whether a failure may pass on its own (network, timeouts, 5xx, throttling): the poller retries those. */
export function isTransientDataWorksError(error: unknown): boolean {
  if (error instanceof FerryError) return error.details?.transient === true;
  return false;
}

/**
 * An answer with an HTTP error status or `Success: false`, as a FerryError whose message names the action, the
 * server's code and message and the request id. Never carries the secret (and only the key id's last 4 characters).
 */
export function describeDataWorksFailure(
  action: string,
  status: number,
  body: ServerError,
  key: AccessKey,
): FerryError {
  const code = typeof body.Code === 'string' ? body.Code : '';
  const message = typeof body.Message === 'string' ? body.Message : '';
  const requestId = typeof body.RequestId === 'string' ? body.RequestId : null;
  return failure(action, status, code, message, requestId, key);
}

function failure(
  action: string,
  status: number,
  code: string,
  message: string,
  requestId: string | null,
  key: AccessKey,
): FerryError {
  const said = [code, message].filter(Boolean).join(': ') || 'no reason given';
  const rid = requestId ? ` (request id ${requestId})` : '';
  let ferryCode: ErrorCode;
  let hint = '';
  if (status === 401 || status === 403 || authCodes.test(code)) {
    ferryCode = 'unauthorized';
    hint = ` Check the access key ${accessKeyHint(key.accessKeyId)} (FERRY_DATAWORKS_ACCESS_KEY_ID/SECRET, ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET or the credentials file) and its DataWorks permissions.`;
  } else if (status === 404) ferryCode = 'not-found';
  else if (status >= 500 || /Throttling|ServiceUnavailable|InternalError/i.test(code)) ferryCode = 'io';
  else ferryCode = 'bad-request';
  const text = redactSecrets(`DataWorks ${action} refused (HTTP ${status}) ${said}${rid}.${hint}`, key);
  return new FerryError(ferryCode, text, {
    action,
    status,
    ...(code ? { serverCode: code } : {}),
    ...(ferryCode === 'io' ? { transient: true } : {}),
  });
}

/** Anything the SDK or fetch threw, as a FerryError with a redacted message. */
export function describeDataWorksError(
  error: unknown,
  action: string,
  endpoint: string,
  key: AccessKey,
): FerryError {
  if (error instanceof FerryError)
    return new FerryError(error.code, redactSecrets(error.message, key), error.details);
  const e = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    data?: unknown;
    name?: unknown;
    cause?: unknown;
  };
  const data =
    e.data && typeof e.data === 'object' ? (e.data as ServerError & { statusCode?: unknown }) : null;
  if (data && typeof data.statusCode === 'number') {
    // The SDK's error for a 4xx/5xx answer: `data` is the server's JSON body plus the status.
    return describeDataWorksFailure(action, data.statusCode, data, key);
  }
  const cause = (e.cause ?? {}) as { code?: unknown };
  const sysCode = [e.code, cause.code].find(
    (c): c is string => typeof c === 'string' && (networkCodes.has(c) || c.startsWith('UND_ERR')),
  );
  const rawMessage = typeof e.message === 'string' ? e.message : String(error);
  if (sysCode || e.name === 'TimeoutError' || /timeout/i.test(rawMessage)) {
    return new FerryError(
      'io',
      redactSecrets(`Cannot reach DataWorks at ${endpoint} (${action}): ${sysCode ?? rawMessage}.`, key),
      {
        action,
        transient: true,
      },
    );
  }
  return new FerryError('internal', redactSecrets(`DataWorks ${action} failed: ${rawMessage}`, key), {
    action,
  });
}
