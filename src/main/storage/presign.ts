import type { S3Client } from '@aws-sdk/client-s3';
import { presignerSdk, s3Sdk } from './aws-sdk';
import { FerryError } from '../../shared/errors';
import { defaultUrlExpirySeconds, maxUrlExpirySeconds } from '../../shared/model/upload';

/**
 * A pre-signed GET URL for the DataWorks "Upload from OSS" field. SigV4 URLs live at most 7 days. The URL carries the
 * access key id (not the secret): it is returned to the caller and never written to history or logs.
 */
export async function presignDownload(
  client: S3Client,
  bucket: string,
  key: string,
  expiresInSeconds = defaultUrlExpirySeconds,
  now = new Date(),
): Promise<{ url: string; expiresAt: string }> {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > maxUrlExpirySeconds) {
    throw new FerryError('bad-request', `A download link lives 1 second to 7 days (${maxUrlExpirySeconds} s); got ${expiresInSeconds}.`);
  }
  const url = await presignerSdk().getSignedUrl(client, new (s3Sdk().GetObjectCommand)({ Bucket: bucket, Key: key }), {
    expiresIn: expiresInSeconds,
    signingDate: now,
  });
  return { url, expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString() };
}
