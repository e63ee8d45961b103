import { FerryError } from '../../../shared/errors';
import type { EntryRecord } from '../zip/central-directory-reader';

/** What a source knows about one file without reading it. */
export interface SourceFileInfo {
  size: number;
  /** CRC-32 from a zip's central directory; null for plain files. A cheap content fingerprint. */
  crc32: number | null;
}

/**
 * Read access to the files of a package, wherever they are stored (folder, zip, single document). Readers see
 * only relative POSIX paths, so the same reader handles an unzipped folder and a zip.
 */
export interface PackageSource {
  /** For messages: the folder or file being read. */
  readonly describe: string;
  /** Every file (no directories), relative POSIX paths, in a stable order. */
  list(): string[];
  /** Size and fingerprint of a listed file; undefined when it is not listed. */
  info(path: string): SourceFileInfo | undefined;
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<Buffer>;
  /**
   * The given paths in the order that reads them fastest (a zip: file order, so reads are sequential). Optional:
   * without it, callers read in their own order.
   */
  readOrder?(paths: readonly string[]): string[];
  /**
   * Where a zip package's file lies (its checked central-directory record) and the zip's size: another thread can
   * then read it from the same file without reading the directory again. Zip sources only.
   */
  locateZipEntry?(path: string): ZipEntryLocation | undefined;
  close(): Promise<void>;
  /** Files the source refused to expose (for example links leading outside a folder), for the problem list. */
  readonly skipped: readonly { path: string; reason: string }[];
}

/** Where a file of a zip package lies (see PackageSource.locateZipEntry). */
export interface ZipEntryLocation {
  fileSize: number;
  record: EntryRecord;
}

/** Options every source opener takes. */
export interface SourceOptions {
  signal?: AbortSignal;
}

/**
 * Checks a caller-supplied entry path: relative, POSIX, no `.`/`..` segments. Entry paths come from models
 * that crossed the API, so they are not trusted.
 */
export function checkEntryPath(describe: string, path: string): string {
  const segments = path.split('/');
  const bad = path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new FerryError('bad-request', `${describe}: "${path}" is not a relative path inside the package`);
  return path;
}

/** Decodes UTF-8, dropping a leading byte-order mark (DataWorks exports on Windows sometimes carry one). */
export function decodeUtf8(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Throws the standard `cancelled` error when the signal has fired. */
export function throwIfAborted(describe: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('cancelled', `${describe}: reading was cancelled`);
}
