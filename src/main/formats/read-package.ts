import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import type { PackageModel } from '../../shared/model/package-model';
import { parseDocument } from './flowspec/flowspec-parser';
import { readFlowSpecFile, readFlowSpecText } from './flowspec/flowspec-reader';
import { valueAt } from './flowspec/json-pointer';
import { openFolderSource } from './source/folder-source';
import { openSource } from './source/open-source';
import type { PackageSource } from './source/package-source';
import { openZipSource } from './source/zip-source';
import { checkPackageManifest } from './manifest/manifest-verifier';
import { passphraseFor, rememberPassphrase } from './manifest/passphrase-keyring';
import { findSpecRoot } from './spec-package/spec-package-layout';
import { isSpecPackage, readSpecPackage, type ReadOptions } from './spec-package/spec-package-reader';

export type { ReadOptions } from './spec-package/spec-package-reader';

const flowSpecExtensions = /\.(json|ya?ml)$/i;

async function looksLikeZip(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

/**
 * A package read into the model with its source still open, for reading its code next without opening it again.
 * With a Ferry manifest, the files the model reader did not read (the code) are checked as `code` reads them, and
 * `verifyRest` checks those nobody read: until it has resolved, the package is not known to be intact.
 */
export interface OpenedPackage {
  model: PackageModel;
  /** The package's files, for reading description documents again (closed with the package). */
  source: PackageSource;
  code: CodeReader;
  /**
   * A file of the package read elsewhere (the plan's scan worker opens the package again): checked against the
   * manifest by its size and sha256, as a read through `code` would be. Nothing to check without a manifest.
   */
  checkRead: (entry: string, size: number, sha256: string) => void;
  verifyRest(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

async function openSpecSource(source: PackageSource, container: 'zip' | 'folder', filePath: string, options: ReadOptions): Promise<OpenedPackage> {
  try {
    if (!isSpecPackage(source)) {
      const what = container === 'zip' ? 'zip' : 'folder';
      throw new FerryError('unsupported', `${filePath}: this ${what} has no SPEC.FORMAT marker (at the top or in its single top folder), so it is not a DataWorks SPEC package`);
    }
    // A Ferry manifest, when present, is checked (signature, file list, sizes) before anything is read from the
    // package, and always when a passphrase is given (or was, for this package, in this session: unlockPackage);
    // each file's SHA-256 as it is read, then those nobody read.
    const passphrase = options.passphrase ?? passphraseFor(filePath);
    const checked = options.trustedBytes
      ? null
      : await checkPackageManifest(source, findSpecRoot(source.list()) ?? '', filePath, { ...options, passphrase });
    const read = checked ?? source;
    const model = await readSpecPackage(read, { container, sourcePath: filePath }, options);
    const code = codeReaderOver(read, model);
    return {
      model,
      source: read,
      code,
      checkRead: (entry, size, sha256) => checked?.checkRead(entry, size, sha256),
      verifyRest: async (signal) => checked?.verifyRest(signal),
      close: () => code.close(),
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/**
 * Opens a package: reads it into the canonical model (see {@link readPackage}) and keeps it open for its code.
 * The caller must close it, and must await `verifyRest` before trusting what it read.
 */
export async function openPackage(filePath: string, options: ReadOptions = {}): Promise<OpenedPackage> {
  const absolute = path.resolve(filePath);
  const stat = await fs.stat(absolute).catch(() => {
    throw new FerryError('not-found', `${filePath}: no such file or folder`);
  });
  if (options.signal?.aborted) throw new FerryError('cancelled', `${filePath}: reading was cancelled`);
  if (stat.isDirectory()) return openSpecSource(await openFolderSource(absolute, options), 'folder', absolute, options);
  if (!stat.isFile()) throw new FerryError('not-a-file', `${filePath}: is neither a file nor a folder`);
  if (/\.zip$/i.test(absolute) || (await looksLikeZip(absolute))) return openSpecSource(await openZipSource(absolute, options), 'zip', absolute, options);
  if (flowSpecExtensions.test(absolute)) {
    const model = await readFlowSpecFile(absolute);
    options.onProgress?.(1, 1);
    const source = await openSource(model.container, model.sourcePath, options);
    const code = codeReaderOver(source, model);
    return { model, source, code, checkRead: () => undefined, verifyRest: () => Promise.resolve(), close: () => code.close() };
  }
  throw new FerryError('unsupported', `${filePath}: not a package Ferry can read (expected a SPEC package zip or folder, or a FlowSpec .json/.yaml/.yml file)`);
}

/**
 * Checks a signed package's signature with `passphrase` (not its files: each read checks those) and remembers the
 * passphrase for the rest of the session. Refused, and not remembered, when it does not match, when the package is
 * not signed, or is not a package Ferry wrote (no manifest).
 */
export async function unlockPackage(filePath: string, passphrase: string): Promise<void> {
  const absolute = path.resolve(filePath);
  const stat = await fs.stat(absolute).catch(() => {
    throw new FerryError('not-found', `${filePath}: no such file or folder`);
  });
  if (!stat.isFile() && !stat.isDirectory())
    throw new FerryError('not-a-file', `${filePath}: is neither a file nor a folder`);
  if (stat.isFile() && !(await looksLikeZip(absolute)))
    throw new FerryError(
      'bad-request',
      `${filePath}: a passphrase was given, but only a package zip or folder that Ferry exported can be signed; this file is neither`,
    );
  const source = stat.isDirectory() ? await openFolderSource(absolute) : await openZipSource(absolute);
  try {
    await checkPackageManifest(source, findSpecRoot(source.list()) ?? '', absolute, { passphrase });
  } finally {
    await source.close();
  }
  rememberPassphrase(absolute, passphrase);
}

/**
 * Reads a package into the canonical model, choosing the reader from what the path is: a zip or a folder with
 * `SPEC.FORMAT` (DataWorks SPEC package) or a `.json` / `.yaml` / `.yml` FlowSpec file. Anything else is
 * `unsupported`; a missing path is `not-found`; bad documents are `malformed-document` naming the entry.
 */
export async function readPackage(filePath: string, options: ReadOptions = {}): Promise<PackageModel> {
  const opened = await openPackage(filePath, options);
  try {
    await opened.verifyRest(options.signal);
    return opened.model;
  } finally {
    await opened.close();
  }
}

/**
 * Loads asset code on demand from the package a model was read from, keeping the source open across calls.
 * Inline code (FlowSpec `script.content`, function `embeddedCode`, table `ddl`, datasource `config`) is found by
 * re-reading its document; the last document is cached because consecutive assets usually share one.
 */
export interface CodeReader {
  /** The asset's code as text; null when the asset has no code reference. */
  read(assetId: string): Promise<string | null>;
  /** The asset's code file as bytes (resources are binaries); inline code is returned UTF-8 encoded. */
  readBytes(assetId: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

/** Opens a {@link CodeReader} over a model's source. */
export async function openCodeReader(model: PackageModel, options: { signal?: AbortSignal } = {}): Promise<CodeReader> {
  return codeReaderOver(await openSource(model.container, model.sourcePath, options), model);
}

/** A {@link CodeReader} over an open source of the model; closing it closes the source. */
export function codeReaderOver(source: PackageSource, model: PackageModel): CodeReader {
  const byId = new Map(model.assets.map((asset) => [asset.id, asset]));
  let cached: { entry: string; data: unknown } | null = null;

  const codeRef = (assetId: string) => {
    const asset = byId.get(assetId);
    if (!asset) throw new FerryError('not-found', `${model.sourcePath}: no asset ${assetId} in this package`);
    return asset.code;
  };
  const inline = async (entry: string, pointer: string): Promise<string> => {
    if (cached?.entry !== entry) cached = { entry, data: parseDocument(await source.readText(entry), entry) };
    const value = valueAt(cached.data, pointer);
    if (typeof value !== 'string') throw new FerryError('not-found', `${entry}: no code at ${pointer} (the package changed since it was read?)`);
    return value;
  };

  return {
    async read(assetId) {
      const code = codeRef(assetId);
      if (!code) return null;
      return code.pointer === null ? source.readText(code.entry) : inline(code.entry, code.pointer);
    },
    async readBytes(assetId) {
      const code = codeRef(assetId);
      if (!code) return null;
      return code.pointer === null ? source.readBytes(code.entry) : Buffer.from(await inline(code.entry, code.pointer), 'utf8');
    },
    close: () => source.close(),
  };
}

/** Loads one asset's code (opens and closes the source; use {@link openCodeReader} for many). */
export async function readCode(model: PackageModel, assetId: string): Promise<string | null> {
  const reader = await openCodeReader(model);
  try {
    return await reader.read(assetId);
  } finally {
    await reader.close();
  }
}

/**
 * An asset's `original` fragment: the model's own, or, for a model read with `keepOriginal: false`, the same
 * fragment mapped again from its document (null for assets made from folders, which have none).
 */
export async function readOriginal(model: PackageModel, assetId: string, options: { signal?: AbortSignal } = {}): Promise<unknown> {
  const asset = model.assets.find((candidate) => candidate.id === assetId);
  if (!asset) throw new FerryError('not-found', `${model.sourcePath}: no asset ${assetId} in this package`);
  if (asset.original !== null) return asset.original;
  const source = await openSource(model.container, model.sourcePath, options);
  try {
    const { entry, pointer } = asset.origin;
    if (source.info(entry) === undefined) return null;
    const read = readFlowSpecText(await source.readText(entry), entry, [], model.format === 'spec-package' ? 'json' : undefined);
    return read.assets.find((candidate) => candidate.origin.pointer === pointer)?.original ?? null;
  } finally {
    await source.close();
  }
}
