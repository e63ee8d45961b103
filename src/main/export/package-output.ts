import { promises as fs } from 'node:fs';
import { FerryError } from '../../shared/errors';
import type { ExportType } from '../../shared/model/export';
import { writeArchive } from '../formats/zip/archive-writer';
import { sha256File } from '../packages/file-hash';

/**
 * The seam between the export and the package writer: the export hands over files and what the manifest says;
 * the writer owns the zip, the manifest and signing. Interim implementation over writeArchive (no manifest) until
 * `formats/package-writer.ts` is committed; then this delegates to `writePackage` and nothing else changes.
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
}

export type PackageOutput = (
  outPath: string,
  input: { files: AsyncIterable<OutputFile>; manifest: OutputManifest; passphrase?: string },
  options: { signal?: AbortSignal; onProgress?: (filesWritten: number, bytesWritten: number) => void },
) => Promise<WrittenOutput>;

export const writeExportPackage: PackageOutput = async (outPath, input, options) => {
  if (input.passphrase !== undefined) {
    throw new FerryError(
      'unsupported',
      `${outPath}: signing with a passphrase needs the package writer, which is not in this build`,
    );
  }
  async function* entries() {
    for await (const file of input.files) yield { name: file.path, data: file.data };
  }
  const result = await writeArchive(outPath, entries(), options);
  const { size } = await fs.stat(outPath);
  return { size, sha256: await sha256File(outPath, options.signal), entries: result.entries };
};
