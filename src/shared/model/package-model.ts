import { z } from 'zod';
import { assetSchema } from './asset';

/** Formats the readers understand. */
export const packageFormats = ['flowspec', 'spec-package'] as const;
export const packageFormatSchema = z.enum(packageFormats);
export type PackageFormat = z.infer<typeof packageFormatSchema>;

/** How the package was stored on disk: one document file, an unzipped folder or a zip. */
export const packageContainers = ['file', 'folder', 'zip'] as const;
export type PackageContainer = (typeof packageContainers)[number];

/**
 * Something found while reading that did not stop the read: an unresolvable `{{ref}}`, a duplicate id, a file the
 * reader skipped. Errors that make the package unreadable are thrown as FerryError instead.
 */
export const problemSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** Stable, kebab-case (`unresolved-reference`, `duplicate-id`, ...): the UI groups and filters on it. */
  code: z.string(),
  /** One line for people, naming what is wrong. */
  message: z.string(),
  /** The entry (relative POSIX path) or file it concerns. */
  entry: z.string().nullable(),
  objectId: z.string().nullable(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * One source document (a FlowSpec file, one spec of an array, one `.schedule.json`): its envelope and any
 * spec-level fields that did not become assets (variables, scripts, triggers, ...), so a writer loses nothing.
 */
export const documentInfoSchema = z.object({
  entry: z.string(),
  pointer: z.string(),
  version: z.string().nullable(),
  kind: z.string().nullable(),
  metadata: z.unknown(),
  /** Envelope fields other than version/kind/metadata/spec; null when there are none. */
  envelopeExtra: z.record(z.string(), z.unknown()).nullable(),
  /** `spec` fields that are not asset collections; null when there are none. */
  specExtra: z.record(z.string(), z.unknown()).nullable(),
});
export type DocumentInfo = z.infer<typeof documentInfoSchema>;

/** A package read into the canonical model. */
export const packageModelSchema = z.object({
  format: packageFormatSchema,
  container: z.enum(packageContainers),
  /** The file or folder that was read (absolute path). */
  sourcePath: z.string(),
  /** Entry prefix of the package root inside the container ('' or `top/`), e.g. the SPEC.FORMAT folder. */
  root: z.string(),
  /** The DataWorks project identifier the assets come from, when the package reveals it. */
  projectIdentifier: z.string().nullable(),
  assets: z.array(assetSchema),
  documents: z.array(documentInfoSchema),
  problems: z.array(problemSchema),
});
export type PackageModel = z.infer<typeof packageModelSchema>;
