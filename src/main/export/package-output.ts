import type { ExportType } from '../../shared/model/export';
import { writePackage } from '../formats/package-writer';

/**
 * The seam between the export and the package writer: the export hands over files and what the manifest says;
 * the writer owns the zip, the manifest and signing. Tests can pass another implementation.
 */
export interface OutputFile {
  path: string;
  data: Buffer | string;
}

export interface OutputManifest {
  createdBy: string;
  createdAt: string;
  source: { projectIdentifier: string | null; displayName: string | null; region: string | null };
  export: { type: ExportType; since: string | null; selection: string[] | null; withDependencies: boolean };
  counts: Record<string, number>;
}

export interface WrittenOutput {
  size: number;
  sha256: string;
  /** Entries in the zip, Ferry's own (manifest, signature) included. */
  entries: number;
  /** sha256 of each file written (package paths), from the manifest. */
  files: readonly { path: string; sha256: string }[];
}

export type PackageOutput = (
  outPath: string,
  input: { files: AsyncIterable<OutputFile>; manifest: OutputManifest; passphrase?: string },
  options: { signal?: AbortSignal; onProgress?: (filesWritten: number, bytesWritten: number) => void },
) => Promise<WrittenOutput>;

/** Writes through `writePackage`: atomic zip plus `ferry-manifest.json` (and `.sig` with a passphrase). */
export const writeExportPackage: PackageOutput = async (outPath, input, options) => {
  const written = await writePackage(outPath, input, options);
  const ferryEntries = written.manifest.signing === null ? 1 : 2;
  return {
    size: written.size,
    sha256: written.sha256,
    entries: written.manifest.files.length + ferryEntries,
    files: written.manifest.files,
  };
};
