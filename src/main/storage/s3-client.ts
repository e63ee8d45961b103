import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from './aws-sdk';
import type { AccessKey } from './credentials';

export interface S3Target {
  endpoint: string;
  region: string;
  pathStyle: boolean;
}

/**
 * An S3 client for OSS or any S3 server. Retries are ours (./retry.ts: backoff with jitter, 4xx never retried), so
 * the SDK's are off; checksums are the classic Content-MD5 per part (OSS and Swift check it), not the SDK's newer
 * CRC32 trailers that OSS and Swift do not all understand.
 */
export function createS3Client(target: S3Target, key: AccessKey, options: { parallel?: number; requestTimeoutMs?: number } = {}): S3Client {
  // Ferry ships on Node 20 on purpose (see toolchain.md); the SDK's advice to move to 22 is noise on a CLI's stderr.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sockets = Math.max(4, (options.parallel ?? 4) + 2);
  const client = new (s3Sdk().S3Client)({
    endpoint: target.endpoint,
    region: target.region,
    forcePathStyle: target.pathStyle,
    credentials: { ...key },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: 10_000,
      requestTimeout: options.requestTimeoutMs ?? 120_000,
      httpAgent: { keepAlive: true, maxSockets: sockets },
      httpsAgent: { keepAlive: true, maxSockets: sockets },
    },
  });
  // Part bodies are signed as UNSIGNED-PAYLOAD: their integrity is Content-MD5's job (the server checks it), and
  // hashing every byte a second time with SHA-256 only for the signature costs a CPU-second per 500 MB.
  client.middlewareStack.add(
    (next, context) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (context.commandName === 'UploadPartCommand' && request.headers) request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      return next(args);
    },
    { step: 'build', name: 'ferryUnsignedPartPayload' },
  );
  return client;
}

/** The region of an OSS endpoint (`https://oss-cn-hangzhou.aliyuncs.com` -> `cn-hangzhou`), else us-east-1. */
export function regionOf(endpoint: string): string {
  const host = (() => {
    try {
      return new URL(endpoint).hostname;
    } catch {
      return endpoint;
    }
  })();
  return /^oss-([a-z0-9-]+?)(-internal)?\.aliyuncs\.com$/.exec(host)?.[1] ?? 'us-east-1';
}
