import { z } from 'zod';
import { mappingProfileSchema } from './mapping-profile';
import { uploadCredentialSourceSchema } from './upload';

/**
 * A DataWorks cloud import (CreateImportMigration + StartMigration, followed to a final state). The DataWorks
 * states are GetMigrationSummary's `Status`; CREATING, CANCELLED and FAILED are Ferry's own: before DataWorks gave a
 * migration id, when the user stopped following it, and when a request failed.
 */
export const cloudImportFinalStates = [
  'IMPORT_SUCCESS',
  'PARTIAL_SUCCESS',
  'IMPORT_ERROR',
  'REVOKED',
] as const;
export const cloudImportStates = [
  'CREATING',
  'INIT',
  'IMPORTING',
  ...cloudImportFinalStates,
  'CANCELLED',
  'FAILED',
] as const;
export type CloudImportFinalState = (typeof cloudImportFinalStates)[number];

export function isFinalMigrationStatus(status: string): status is CloudImportFinalState {
  return (cloudImportFinalStates as readonly string[]).includes(status);
}

/** Where the DataWorks access key comes from (env or a private file); the key itself never crosses the API. */
export const cloudCredentialSourceSchema = uploadCredentialSourceSchema;
export type CloudCredentialSource = z.infer<typeof cloudCredentialSourceSchema>;

/** DataWorks import task names: letters, digits, `_` and `.` (checked again by the importer's rule). */
export const cloudImportInputSchema = z
  .object({
    /** A local SPEC package (at most 30 MB; larger ones go through `ferry upload` first). */
    packagePath: z.string().min(1).optional(),
    /** An OSS (http/https) URL of the package, e.g. the pre-signed link `ferry upload` prints. */
    url: z
      .url({ protocol: /^https?$/, error: 'The package URL is an http(s) URL (a pre-signed OSS link).' })
      .optional(),
    profile: mappingProfileSchema,
    projectId: z.number().int().positive('The DataWorks project (workspace) id is a positive number.'),
    region: z.string().regex(/^[a-z]{2,}-[a-z0-9-]+$/, 'A region id looks like cn-hangzhou.'),
    /** Defaults to https://dataworks.<region>.aliyuncs.com. */
    endpoint: z.url({ protocol: /^https?$/, error: 'The endpoint is an http(s) URL.' }).optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    credentials: cloudCredentialSourceSchema,
    /** First wait between status polls (default 2 s, then x1.5 up to 30 s). */
    pollIntervalMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict()
  .refine((v) => (v.packagePath === undefined) !== (v.url === undefined), {
    message: 'Give either packagePath (a local package) or url (the package on OSS), not both.',
  });
export type CloudImportInput = z.infer<typeof cloudImportInputSchema>;

/** One step of GetMigrationProcess. */
export const migrationStepSchema = z.object({ name: z.string(), status: z.string() });
export type MigrationStep = z.infer<typeof migrationStepSchema>;

/** A cloud import as history keeps it: no secret, only the access key id's last 4 characters. */
export const cloudImportRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.number(),
  region: z.string(),
  endpoint: z.string(),
  /** The local package path, or the URL without its query string (pre-signed links carry the key id). */
  packageRef: z.string(),
  packageKind: z.enum(['file', 'url']),
  migrationId: z.string().nullable(),
  state: z.string(),
  credentialSource: z.string(),
  accessKeyHint: z.string().nullable(),
  /** GetMigrationSummary's Data at the last poll. */
  summary: z.record(z.string(), z.unknown()).nullable(),
  steps: z.array(migrationStepSchema),
  /** Every state seen, in order, with when it was first seen. */
  states: z.array(z.object({ state: z.string(), at: z.string() })),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CloudImportRecord = z.infer<typeof cloudImportRecordSchema>;
