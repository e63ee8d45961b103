import { FerryError } from '../../shared/errors';
import {
  manifestEntryName,
  signatureEntryName,
  type ManifestFile,
  type ManifestInfo,
  type PackageManifest,
} from '../../shared/model/package-manifest';
import { createManifest, serializeManifest } from './manifest/manifest-document';
import { newSigning, signManifest } from './manifest/manifest-signature';
import { findSpecRoot } from './spec-package/spec-package-layout';
import { writeArchive, type ArchiveWriteEntry } from './zip/archive-writer';
import { sha256Of } from './known-sha256';

/** One file of a package; `path` is the zip entry name (POSIX, relative). Strings are written as UTF-8. */
export interface PackageFile {
  path: string;
  data: Buffer | string;
}

export interface PackageInput {
  files: AsyncIterable<PackageFile> | Iterable<PackageFile>;
  manifest: ManifestInfo;
  /** When given, the manifest is signed with a key derived from it (the destination needs the same passphrase). */
  passphrase?: string;
}

export interface WritePackageOptions {
  signal?: AbortSignal;
  /** Files (the manifest and signature included) and archive bytes written so far. */
  onProgress?: (filesWritten: number, bytesWritten: number) => void;
}

export interface WrittenPackage {
  manifest: PackageManifest;
  /** Size of the zip in bytes. */
  size: number;
  /** SHA-256 (hex) of the whole zip, for the export record and the upload check. */
  sha256: string;
}

/**
 * Writes a package zip atomically (`<outPath>.partial`, then rename; nothing is left behind on error or abort),
 * hashing every file as it goes, and adds the Ferry manifest (`ferry-manifest.json`, plus `ferry-manifest.sig`
 * when a passphrase is given) at the package root: next to `SPEC.FORMAT`, which may sit in a single top folder.
 * Manifest paths are relative to that root. Files are written in the order given; each file is held in memory
 * only while it is compressed.
 */
export async function writePackage(
  outPath: string,
  input: PackageInput,
  options: WritePackageOptions = {},
): Promise<WrittenPackage> {
  if (input.passphrase !== undefined && input.passphrase.length === 0)
    throw new FerryError(
      'bad-request',
      `${outPath}: the passphrase is empty; give one or leave it out to write an unsigned package`,
    );
  const signing = input.passphrase === undefined ? null : newSigning();
  const files: ManifestFile[] = [];
  const written: { manifest: PackageManifest | null } = { manifest: null };

  async function* entries(): AsyncGenerator<ArchiveWriteEntry> {
    for await (const file of input.files) {
      if (options.signal?.aborted) return;
      const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
      files.push({ path: file.path, size: data.length, sha256: sha256Of(data) });
      yield { name: file.path, data };
    }
    const root = findSpecRoot(files.map((file) => file.path)) ?? '';
    for (const file of files) {
      if (!file.path.startsWith(root))
        throw new FerryError(
          'bad-request',
          `${outPath}: ${file.path} lies outside the package folder ${root} (the folder holding SPEC.FORMAT)`,
        );
      const relative = file.path.slice(root.length);
      if (relative === manifestEntryName || relative === signatureEntryName)
        throw new FerryError(
          'bad-request',
          `${outPath}: ${file.path} is written by Ferry itself; leave it out of the files`,
        );
    }
    written.manifest = createManifest(
      input.manifest,
      files.map((file) => ({ ...file, path: file.path.slice(root.length) })),
      signing,
    );
    const bytes = serializeManifest(written.manifest);
    yield { name: `${root}${manifestEntryName}`, data: bytes };
    if (signing && input.passphrase !== undefined)
      yield {
        name: `${root}${signatureEntryName}`,
        data: await signManifest(bytes, input.passphrase, signing),
      };
  }

  const result = await writeArchive(outPath, entries(), {
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (!written.manifest)
    throw new FerryError('internal', `${outPath}: the package was written without its manifest`);
  return { manifest: written.manifest, size: result.bytes, sha256: result.sha256 };
}
