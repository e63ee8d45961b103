import { closeSync, open, promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { ArchiveSafetyTracker, checkEntryFacts, checkEntryName, decodeEntryName, defaultZipLimits, type ZipLimits } from './entry-safety';
import { BlockFileReader } from './block-file-reader';
import { fromFsError, fromYauzlError, quoteName, statPackageFile, zipError } from './zip-errors';

/** Options shared by listing and reading. */
export interface ZipReadOptions {
  signal?: AbortSignal;
  /** Called after each central-directory record; `total` is the entry count from the end record. */
  onProgress?: (done: number, total: number) => void;
  /** Overrides for the safety caps; unspecified fields keep {@link defaultZipLimits}. */
  limits?: Partial<ZipLimits>;
}

/** An entry plus what a reader needs to find and check its bytes. */
export interface EntryRecord {
  entry: ArchiveEntry;
  nameBytes: Buffer;
  flags: number;
  compressionMethod: number;
  localHeaderOffset: number;
}

/** The checked central directory of one archive. */
export interface CentralDirectory {
  filePath: string;
  fileSize: number;
  records: EntryRecord[];
}

const LOCAL_HEADER_SIZE = 30;

/**
 * Reads and checks the central directory of `filePath` with yauzl (no entry data is read). Every safety rule that
 * can be decided from the directory is applied here, so a listing that succeeds is safe to read.
 */
export async function readCentralDirectory(filePath: string, options: ZipReadOptions = {}): Promise<CentralDirectory> {
  const cancelled = () => zipError('cancelled', filePath, 'reading the archive was cancelled');
  if (options.signal?.aborted) throw cancelled();
  const fileSize = await statPackageFile(filePath);
  if (fileSize === 0) throw zipError('not-a-zip', filePath, 'is an empty file, not a zip archive');
  const looksLikeZip = await startsWithZipSignature(filePath);
  const limits = { ...defaultZipLimits, ...options.limits };

  const zipfile = await openZip(filePath, fileSize, looksLikeZip);

  return new Promise<CentralDirectory>((resolve, reject) => {
    const total = zipfile.entryCount;
    const records: EntryRecord[] = [];
    const tracker = new ArchiveSafetyTracker(limits);
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (zipfile.isOpen) zipfile.close();
      if (error) reject(error);
      else resolve({ filePath, fileSize, records });
    };
    const onAbort = () => finish(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });

    if (total > limits.maxEntries) {
      finish(zipError('unsafe-archive', filePath, `declares ${total} entries, more than the limit of ${limits.maxEntries}`));
      return;
    }

    zipfile.on('error', (error: unknown) => finish(fromYauzlError(filePath, error, looksLikeZip)));
    zipfile.on('end', () => {
      const overlap = tracker.findOverlap();
      if (overlap) finish(zipError('unsafe-archive', filePath, `shares its data with entry ${quoteName(overlap.other)} (overlapping entries; possible zip bomb)`, overlap.name));
      else finish(null);
    });
    zipfile.on('entry', (raw: yauzl.Entry) => {
      if (settled) return;
      const record = toRecord(filePath, raw, tracker, limits);
      if (record instanceof Error) return finish(record);
      records.push(record);
      options.onProgress?.(records.length, total);
      zipfile.readEntry();
    });
    zipfile.readEntry();
  });
}

function toRecord(filePath: string, raw: yauzl.Entry, tracker: ArchiveSafetyTracker, limits: ZipLimits): EntryRecord | Error {
  // With decodeStrings:false yauzl leaves the name as bytes even though its typings say string.
  const nameBytes = raw.fileName as unknown as Buffer;
  const facts = {
    nameBytes,
    flags: raw.generalPurposeBitFlag,
    compressionMethod: raw.compressionMethod,
    externalFileAttributes: raw.externalFileAttributes,
    size: raw.uncompressedSize,
    compressedSize: raw.compressedSize,
    extraFields: raw.extraFields,
  };
  const decoded = decodeEntryName(facts);
  if ('violation' in decoded) return zipError('unsafe-archive', filePath, decoded.violation.problem, decoded.shownName);
  const name = decoded.name;
  const violation =
    checkEntryName(name) ??
    checkEntryFacts(facts, limits) ??
    tracker.add(name, raw.uncompressedSize, raw.relativeOffsetOfLocalHeader, LOCAL_HEADER_SIZE + nameBytes.length + raw.compressedSize);
  if (violation) return zipError(violation.kind === 'unsafe' ? 'unsafe-archive' : 'corrupt-archive', filePath, violation.problem, name);
  return {
    entry: {
      name,
      isDirectory: name.endsWith('/'),
      size: raw.uncompressedSize,
      compressedSize: raw.compressedSize,
      modifiedAt: modifiedAt(raw),
      crc32: raw.crc32,
    },
    nameBytes,
    flags: raw.generalPurposeBitFlag,
    compressionMethod: raw.compressionMethod,
    localHeaderOffset: raw.relativeOffsetOfLocalHeader,
  };
}

/** yauzl prefers the UTC extended timestamp; DOS fields are read as local time, as `unzip -l` shows them. */
function modifiedAt(raw: yauzl.Entry): string | null {
  if (raw.lastModFileDate === 0 && !raw.extraFields.some((field) => field.id === 0x5455 || field.id === 0x000a)) return null;
  const date = raw.getLastModDate();
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

async function openZip(filePath: string, fileSize: number, looksLikeZip: boolean): Promise<yauzl.ZipFile> {
  let fd: number;
  try {
    // A raw fd, not a FileHandle: a FileHandle would be closed by the garbage collector under yauzl's feet.
    fd = await promisify(open)(filePath, 'r');
  } catch (error) {
    throw fromFsError(filePath, error);
  }
  return new Promise<yauzl.ZipFile>((resolve, reject) => {
    // decodeStrings:false hands us the raw name bytes so the safety rules, not yauzl's CP437 fallback, decide
    // what a name means; validateEntrySizes:false lets entry-safety report size lies with the entry's name.
    const options = { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: false };
    yauzl.fromRandomAccessReader(new BlockFileReader(fd), fileSize, options, (error, opened) => {
      if (!error) return resolve(opened);
      // yauzl does not release the reader when the end record is bad, so the fd is closed here.
      closeSync(fd);
      reject(fromYauzlError(filePath, error, looksLikeZip));
    });
  });
}

async function startsWithZipSignature(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // Local file header, empty-archive end record, or spanned-archive marker.
    return bytesRead === 4 && head.readUInt16LE(0) === 0x4b50 && [0x0403, 0x0605, 0x0807].includes(head.readUInt16LE(2));
  } finally {
    await handle.close();
  }
}
