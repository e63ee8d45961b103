import { z } from 'zod';
import { assetKindSchema } from './asset';
import { exportTypeSchema } from './export';

/**
 * What a workspace held when it was exported: per object a fingerprint of its own files, so the next incremental
 * export can tell new, changed and deleted objects apart without trusting file times.
 */
export const baselineAssetSchema = z.object({
  id: z.string(),
  kind: assetKindSchema,
  name: z.string(),
  /** The description file (or the workflow folder), to name deleted objects. */
  entry: z.string(),
  /** The reader's content hash (canonical description; for folders code size, not code bytes). */
  contentHash: z.string(),
  /** sha256 over the object's own files (name and bytes): what "changed" is decided on. */
  filesHash: z.string(),
});
export type BaselineAsset = z.infer<typeof baselineAssetSchema>;

export const exportBaselineSummarySchema = z.object({
  id: z.number(),
  /** Absolute, real path of the workspace folder. */
  workspacePath: z.string(),
  projectIdentifier: z.string(),
  exportType: exportTypeSchema,
  /**
   * True when the baseline describes the whole workspace (full and incremental exports); a custom export records
   * only what it packaged, and "since the last export" never starts from it.
   */
  complete: z.boolean(),
  createdAt: z.string(),
  /** The package record the export produced. */
  packageId: z.number().nullable(),
  assetCount: z.number(),
});
export type ExportBaselineSummary = z.infer<typeof exportBaselineSummarySchema>;

export interface ExportBaseline extends ExportBaselineSummary {
  assets: BaselineAsset[];
}
