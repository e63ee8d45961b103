import { z } from 'zod';
import { method } from '../define';
import {
  defaultUrlExpirySeconds,
  maxUrlExpirySeconds,
  uploadCredentialSourceSchema,
  uploadRecordSchema,
  uploadTargetSchema,
} from '../../model/upload';

const uploadRef = z.object({ uploadId: z.string().min(1, 'Give the id of an upload (see upload:list).') }).strict();
const started = z.object({ jobId: z.string(), uploadId: z.string() });

/** Uploading a package to OSS (any S3 endpoint) for DataWorks "Upload from OSS". Secrets never cross this API. */
export const uploadMethods = {
  'upload:start': method(
    uploadTargetSchema
      .extend({
        path: z.string().min(1, 'Give the path of the package file.'),
        /** Bytes per part (default an eighth of the file within 16-64 MiB, at least 5 MiB; grown to fit 10,000 parts). */
        partSize: z.number().int().positive().optional(),
        parallel: z.number().int().min(1).max(32).optional(),
        credentials: uploadCredentialSourceSchema,
      })
      .strict(),
    started,
    'Starts a multipart upload as a job; progress arrives as job:updated (bytes, rate, time left in the step text).',
  ),
  'upload:pause': method(uploadRef, z.object({ paused: z.boolean() }), 'Stops starting parts; parts in flight finish. Resumable.'),
  'upload:resume': method(
    uploadRef.extend({ credentials: uploadCredentialSourceSchema.optional() }).strict(),
    started,
    'Resumes a paused, failed or interrupted upload (also after a restart): sends only the parts the server lacks.',
  ),
  'upload:cancel': method(uploadRef, z.object({ cancelled: z.boolean() }), 'Aborts the multipart upload on the server.'),
  'upload:list': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(uploadRecordSchema),
    'Uploads from history, newest first: state, bytes done, and the download link made in this session.',
  ),
  'upload:url': method(
    uploadRef
      .extend({ expiresInSeconds: z.number().int().min(1).max(maxUrlExpirySeconds).default(defaultUrlExpirySeconds) })
      .strict(),
    z.object({ url: z.string(), expiresAt: z.string() }),
    'A pre-signed download URL for a completed upload (default 24 h, at most 7 days), for DataWorks "Upload from OSS".',
  ),
} as const;
