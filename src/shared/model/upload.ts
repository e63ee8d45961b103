import { z } from 'zod';

/** DataWorks accepts a package file of this size or less directly; larger packages go through OSS. */
export const localUploadLimitBytes = 30 * 1024 * 1024;
/** Pre-signed URLs: 24 hours unless asked otherwise, at most 7 days (the SigV4 limit). */
export const defaultUrlExpirySeconds = 24 * 3600;
export const maxUrlExpirySeconds = 7 * 24 * 3600;

export const uploadStates = ['uploading', 'paused', 'failed', 'completed', 'cancelled'] as const;
export type UploadState = (typeof uploadStates)[number];

/** The name an access key is saved under in the desktop app's keychain-encrypted store. */
export const savedCredentialNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A saved credential name is 1-64 letters, digits, dot, dash or underscore.');

/**
 * Where the OSS access key comes from: the environment, a profile file, or (desktop app only) a pair saved in the
 * keychain-encrypted store under a name. The key itself never crosses the API, never lands in history.
 */
export const uploadCredentialSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('env') }).strict(),
  z.object({ source: z.literal('file'), path: z.string().min(1, 'Give the path of the credentials file.') }).strict(),
  z.object({ source: z.literal('vault'), name: savedCredentialNameSchema }).strict(),
]);
export type UploadCredentialSource = z.infer<typeof uploadCredentialSourceSchema>;

/** Where an object goes: any S3 endpoint (`https://oss-<region>.aliyuncs.com` for OSS). */
export const uploadTargetSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'The endpoint is an http(s) URL, e.g. https://oss-cn-hangzhou.aliyuncs.com' }),
  bucket: z.string().min(3, 'A bucket name has 3 to 63 characters.').max(63),
  key: z.string().min(1).max(1024).optional(),
  region: z.string().min(1).optional(),
  /** Path-style addressing (`endpoint/bucket/key`): needed by most non-AWS servers; OSS wants virtual-hosted. */
  pathStyle: z.boolean().optional(),
});

/** One upload as lists show it (from history). No secret, and only the access key id's last 4 characters. */
export const uploadRecordSchema = z.object({
  uploadId: z.string(),
  state: z.enum(uploadStates),
  filePath: z.string(),
  fileSize: z.number(),
  endpoint: z.string(),
  region: z.string(),
  bucket: z.string(),
  key: z.string(),
  pathStyle: z.boolean(),
  partSize: z.number(),
  partCount: z.number(),
  partsDone: z.number(),
  bytesDone: z.number(),
  parallel: z.number(),
  /** `env`, `file:<path>` or `vault:<name>`. */
  credentialSource: z.string(),
  /** `…abcd`: enough to tell keys apart, not enough to use one. */
  accessKeyHint: z.string().nullable(),
  /** The multipart ETag checked at the end. */
  etag: z.string().nullable(),
  error: z.string().nullable(),
  /** A pre-signed GET URL made in this process (never stored), and when it expires. */
  url: z.string().nullable(),
  urlExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type UploadRecord = z.infer<typeof uploadRecordSchema>;
