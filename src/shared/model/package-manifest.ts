import { z } from 'zod';

/**
 * The Ferry manifest: a JSON entry Ferry adds to every package it writes, at the package root (next to
 * `SPEC.FORMAT`), listing every other file with its size and SHA-256 so the destination can prove the package is
 * exactly what the source exported. Optionally signed (see {@link manifestSigningSchema}).
 */

/** Entry name of the manifest, relative to the package root. */
export const manifestEntryName = 'ferry-manifest.json';
/**
 * Entry name of the signature, relative to the package root. The signature lives in its own entry so the signed
 * bytes are simply the manifest entry's bytes, exactly as stored: no canonicalisation is needed to verify.
 */
export const signatureEntryName = 'ferry-manifest.sig';
export const manifestFormat = 'ferry-package-manifest';
export const manifestFormatVersion = 1;

export const exportTypes = ['full', 'incremental', 'custom'] as const;
export const exportTypeSchema = z.enum(exportTypes);
export type ExportType = z.infer<typeof exportTypeSchema>;

export const manifestSourceSchema = z.object({
  /** DataWorks project identifier (`retail_dev`). */
  projectIdentifier: z.string().nullable(),
  /** The workspace's display name. */
  displayName: z.string().nullable(),
  /** `cn-shanghai`, ... */
  region: z.string().nullable(),
});
export type ManifestSource = z.infer<typeof manifestSourceSchema>;

export const manifestExportSchema = z.object({
  type: exportTypeSchema,
  /** Incremental exports: objects changed since this ISO-8601 time. */
  since: z.string().nullable(),
  /** Custom exports: the asset ids (or selectors) the user picked. */
  selection: z.array(z.string()).nullable(),
  /** Whether upstream dependencies of the selection were added. */
  withDependencies: z.boolean(),
});
export type ManifestExport = z.infer<typeof manifestExportSchema>;

export const manifestFileSchema = z.object({
  /** POSIX path relative to the package root (the folder holding the manifest). */
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** Lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/**
 * How the signature key is derived: scrypt over the UTF-8 passphrase with this salt and cost, then HMAC-SHA256
 * over the manifest entry's bytes. Present exactly when the package is signed; it is itself inside the signed
 * bytes, so stripping it (to pretend the package was never signed) changes the manifest and needs the key.
 */
export const manifestSigningSchema = z.object({
  algorithm: z.literal('HMAC-SHA256'),
  kdf: z.object({
    name: z.literal('scrypt'),
    /** Base64, 16 random bytes per package. */
    salt: z.string().min(1),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    keyLength: z.number().int().positive(),
  }),
});
export type ManifestSigning = z.infer<typeof manifestSigningSchema>;

export const packageManifestSchema = z.object({
  format: z.literal(manifestFormat),
  formatVersion: z.literal(manifestFormatVersion),
  ferryVersion: z.string(),
  /** ISO-8601 UTC. */
  createdAt: z.string(),
  /** Who exported (user or machine account); free text. */
  createdBy: z.string(),
  source: manifestSourceSchema,
  export: manifestExportSchema,
  /** Object counts by asset kind (`node`, `workflow`, `resource`, ...). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  signing: manifestSigningSchema.nullable(),
  /** Every file of the package in write order, except the manifest and its signature. */
  files: z.array(manifestFileSchema),
});
export type PackageManifest = z.infer<typeof packageManifestSchema>;

/** The content of `ferry-manifest.sig`. */
export const manifestSignatureSchema = z.object({
  algorithm: z.literal('HMAC-SHA256'),
  /** The entry whose exact bytes were signed. */
  signed: z.literal(manifestEntryName),
  /** Lowercase hex. */
  hmac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestSignature = z.infer<typeof manifestSignatureSchema>;

/** What the exporter says about a package; the writer adds the rest (format, files, signing). */
export interface ManifestInfo {
  /** Defaults to the running Ferry's version. */
  ferryVersion?: string;
  /** Defaults to now. */
  createdAt?: Date | string;
  createdBy: string;
  source: ManifestSource;
  export: {
    type: ExportType;
    since?: string | Date | null;
    selection?: readonly string[] | null;
    withDependencies?: boolean;
  };
  counts?: Readonly<Record<string, number>>;
}
