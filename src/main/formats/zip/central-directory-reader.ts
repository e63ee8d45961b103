import { closeSync, openSync } from 'node:fs';
import type { ArchiveEntry } from '../../../shared/model/package-listing';
import { BlockFileReader, UnexpectedEof } from './block-file-reader';
import { ArchiveSafetyTracker, checkEntryFacts, checkEntryName, decodeEntryName, defaultZipLimits, type RawEntryFacts, type ZipLimits } from './entry-safety';
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
  /**
   * The name's bytes as stored, kept only when they are not the UTF-8 encoding of `entry.name` (a name taken from
   * an Info-ZIP Unicode Path field, or one starting with a BOM). Otherwise they are derived on demand: 60,000 small
   * views would pin the directory's blocks and cost ~10 MB. Use {@link nameBytesOf}.
   */
  rawName: Buffer | null;
  /** Length of the stored name in bytes. */
  nameLength: number;
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
const CENTRAL_HEADER_SIZE = 46;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
/** Records between two yields to the event loop, so an abort from elsewhere is seen while a big directory is parsed. */
const YIELD_EVERY = 8192;

/** A raw central-directory record: the fields yauzl's `Entry` had that the rules and readers use. */
interface RawRecord extends RawEntryFacts {
  crc32: number;
  dosDate: number;
  dosTime: number;
  localHeaderOffset: number;
  /** mtime (ms) from the Info-ZIP UT or NTFS extra field as yauzl's `getLastModDate` reads it; undefined when absent. */
  extraTime: number | undefined;
  hasTimeField: boolean;
}

/**
 * Reads and checks the central directory of `filePath` (no entry data is read). Every safety rule that can be
 * decided from the directory is applied here, so a listing that succeeds is safe to read.
 *
 * The directory is parsed here rather than by yauzl: yauzl makes two asynchronous reads and an event per record,
 * which cost about 0.5 s on a 60,000-entry package; this reads it in 1 MiB blocks and parses records in a loop.
 * The parsing follows yauzl 3.4 step for step (end record search, comment length, zip64 locator and record, disk
 * number, record signature, strong-encryption flag, extra fields, zip64 extended information) and raises its
 * error messages, so zip-errors.ts maps every failure exactly as before.
 */
export async function readCentralDirectory(filePath: string, options: ZipReadOptions = {}): Promise<CentralDirectory> {
  const cancelled = () => zipError('cancelled', filePath, 'reading the archive was cancelled');
  if (options.signal?.aborted) throw cancelled();
  const fileSize = await statPackageFile(filePath);
  if (fileSize === 0) throw zipError('not-a-zip', filePath, 'is an empty file, not a zip archive');
  const limits = { ...defaultZipLimits, ...options.limits };

  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (error) {
    throw fromFsError(filePath, error);
  }
  try {
    const reader = new BlockFileReader(fd, fileSize);
    const looksLikeZip = startsWithZipSignature(reader, fileSize);
    let end: { entryCount: number; offset: number };
    try {
      end = findEnd(reader, fileSize);
    } catch (error) {
      throw fromYauzlError(filePath, error, looksLikeZip);
    }
    const total = end.entryCount;
    if (total > limits.maxEntries) throw zipError('unsafe-archive', filePath, `declares ${total} entries, more than the limit of ${limits.maxEntries}`);

    const records: EntryRecord[] = [];
    const tracker = new ArchiveSafetyTracker(limits);
    let cursor = end.offset;
    const raw = scratchRecord();
    for (let i = 0; i < total; i += 1) {
      try {
        cursor = parseRecord(reader, cursor, raw);
      } catch (error) {
        throw fromYauzlError(filePath, error, looksLikeZip);
      }
      const record = toRecord(filePath, raw, tracker, limits);
      if (record instanceof Error) throw record;
      records.push(record);
      options.onProgress?.(records.length, total);
      if (options.signal?.aborted) throw cancelled();
      if ((i + 1) % YIELD_EVERY === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) throw cancelled();
      }
    }
    const overlap = tracker.findOverlap();
    if (overlap) throw zipError('unsafe-archive', filePath, `shares its data with entry ${quoteName(overlap.other)} (overlapping entries; possible zip bomb)`, overlap.name);
    return { filePath, fileSize, records };
  } finally {
    closeSync(fd);
  }
}

/** The stored bytes of an entry's name (what its local header must repeat). */
export function nameBytesOf(record: EntryRecord): Buffer {
  return record.rawName ?? Buffer.from(record.entry.name, 'utf8');
}

/** Finds the end of central directory record (and the zip64 one it points to): entry count and directory offset. */
function findEnd(reader: BlockFileReader, fileSize: number): { entryCount: number; offset: number } {
  const tailSize = Math.min(ZIP64_LOCATOR_SIZE + EOCD_SIZE + 0xffff, fileSize);
  const tail = reader.bytesAt(fileSize - tailSize, tailSize);
  for (let i = tailSize - EOCD_SIZE; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const eocd = tail.subarray(i);
    let diskNumber = eocd.readUInt16LE(4);
    let entryCount = eocd.readUInt16LE(10);
    let offset = eocd.readUInt32LE(16);
    const commentLength = eocd.readUInt16LE(20);
    const expectedCommentLength = eocd.length - EOCD_SIZE;
    if (commentLength !== expectedCommentLength) {
      throw new Error(`Invalid comment length. Expected: ${expectedCommentLength}. Found: ${commentLength}. Are there extra bytes at the end of the file?`);
    }
    if (i - ZIP64_LOCATOR_SIZE >= 0 && tail.readUInt32LE(i - ZIP64_LOCATOR_SIZE) === 0x07064b50) {
      const record = reader.bytesAt(readUInt64LE(tail, i - ZIP64_LOCATOR_SIZE + 8), 56);
      if (record.readUInt32LE(0) !== 0x06064b50) throw new Error('invalid zip64 end of central directory record signature');
      diskNumber = record.readUInt32LE(16);
      entryCount = readUInt64LE(record, 32);
      offset = readUInt64LE(record, 48);
    }
    if (diskNumber !== 0) throw new Error(`multi-disk zip files are not supported: found disk number: ${diskNumber}`);
    return { entryCount, offset };
  }
  throw new Error('End of central directory record signature not found. Either not a zip file, or file is truncated.');
}

/**
 * Parses the record at `cursor` into `raw` (one object reused for every record: the safety rules read it and keep
 * nothing) and returns where the next record starts. Fields are read in place from the block.
 */
function parseRecord(reader: BlockFileReader, cursor: number, raw: RawRecord): number {
  let at = reader.load(cursor, CENTRAL_HEADER_SIZE);
  let block = reader.current;
  const signature = block.readUInt32LE(at);
  if (signature !== 0x02014b50) throw new Error(`invalid central directory file header signature: 0x${signature.toString(16)}`);
  const flags = block.readUInt16LE(at + 8);
  const nameLength = block.readUInt16LE(at + 28);
  const extraLength = block.readUInt16LE(at + 30);
  const commentLength = block.readUInt16LE(at + 32);
  raw.flags = flags;
  raw.compressionMethod = block.readUInt16LE(at + 10);
  raw.dosTime = block.readUInt16LE(at + 12);
  raw.dosDate = block.readUInt16LE(at + 14);
  raw.crc32 = block.readUInt32LE(at + 16);
  raw.compressedSize = block.readUInt32LE(at + 20);
  raw.size = block.readUInt32LE(at + 24);
  raw.externalFileAttributes = block.readUInt32LE(at + 38);
  raw.localHeaderOffset = block.readUInt32LE(at + 42);
  raw.extraFields.length = 0;
  raw.extraTime = undefined;
  raw.hasTimeField = false;
  if (flags & 0x40) throw new Error('strong encryption is not supported');
  const variableLength = nameLength + extraLength + commentLength;
  at = reader.load(cursor + CENTRAL_HEADER_SIZE, variableLength);
  block = reader.current;
  raw.nameBytes = block.subarray(at, at + nameLength);
  if (extraLength > 0) readExtraFields(raw, block, at + nameLength, at + nameLength + extraLength);
  return cursor + CENTRAL_HEADER_SIZE + variableLength;
}

/** A fresh scratch record for {@link parseRecord}. */
function scratchRecord(): RawRecord {
  const empty = Buffer.alloc(0);
  return { nameBytes: empty, flags: 0, compressionMethod: 0, dosTime: 0, dosDate: 0, crc32: 0, compressedSize: 0, size: 0, externalFileAttributes: 0, localHeaderOffset: 0, extraFields: [], extraTime: undefined, hasTimeField: false };
}

/**
 * Walks the extra fields in `block[start, end)` as yauzl's `parseExtraFields` does (same bounds error), keeping only
 * what is used: Unicode Path fields (for entry-safety's name decoding), zip64 sizes and offset, the first usable
 * timestamp.
 */
function readExtraFields(raw: RawRecord, block: Buffer, start: number, end: number): void {
  let zip64: Buffer | undefined;
  for (let i = start; i < end - 3; ) {
    const id = block.readUInt16LE(i);
    const dataStart = i + 4;
    const dataEnd = dataStart + block.readUInt16LE(i + 2);
    if (dataEnd > end) throw new Error('extra field length exceeds extra field buffer size');
    if (id === 0x0001) zip64 ??= block.subarray(dataStart, dataEnd);
    else if (id === 0x7075) raw.extraFields.push({ id, data: block.subarray(dataStart, dataEnd) });
    else if (id === 0x5455 || id === 0x000a) {
      raw.hasTimeField = true;
      raw.extraTime ??= extraTime(id, block, dataStart, dataEnd - dataStart);
    }
    i = dataEnd;
  }
  if (!zip64) return;
  let index = 0;
  const take = (what: string): number => {
    if (index + 8 > zip64.length) throw new Error(`zip64 extended information extra field does not include ${what}`);
    index += 8;
    return readUInt64LE(zip64, index - 8);
  };
  if (raw.size === 0xffffffff) raw.size = take('uncompressed size');
  if (raw.compressedSize === 0xffffffff) raw.compressedSize = take('compressed size');
  if (raw.localHeaderOffset === 0xffffffff) raw.localHeaderOffset = take('relative header offset');
}

/**
 * yauzl's reading of the Info-ZIP "UT" (0x5455) and NTFS (0x000a) mtimes, in milliseconds since 1970 (NaN when
 * out of range); undefined when the field does not apply.
 */
function extraTime(id: number, block: Buffer, at: number, length: number): number | undefined {
  if (id === 0x5455) {
    if (length < 5 || !(block[at] & 1)) return undefined;
    return block.readInt32LE(at + 1) * 1000;
  }
  if (length !== 32 || block.readUInt16LE(at + 4) !== 1 || block.readUInt16LE(at + 6) !== 24) return undefined;
  const hundredNanoSecondsSince1601 = block.readUInt32LE(at + 8) + 4294967296 * block.readInt32LE(at + 12);
  return hundredNanoSecondsSince1601 / 10000 - 11644473600000;
}

function toRecord(filePath: string, raw: RawRecord, tracker: ArchiveSafetyTracker, limits: ZipLimits): EntryRecord | Error {
  const decoded = decodeEntryName(raw);
  if ('violation' in decoded) return zipError('unsafe-archive', filePath, decoded.violation.problem, decoded.shownName);
  const name = decoded.name;
  const violation =
    checkEntryName(name) ??
    checkEntryFacts(raw, limits) ??
    tracker.add(name, raw.size, raw.localHeaderOffset, LOCAL_HEADER_SIZE + raw.nameBytes.length + raw.compressedSize);
  if (violation) return zipError(violation.kind === 'unsafe' ? 'unsafe-archive' : 'corrupt-archive', filePath, violation.problem, name);
  // Strict UTF-8 decoding round-trips exactly, except for a leading BOM (dropped by the decoder).
  const nameBytes = raw.nameBytes;
  const derivable = raw.extraFields.length === 0 && !(nameBytes.length >= 3 && nameBytes[0] === 0xef && nameBytes[1] === 0xbb && nameBytes[2] === 0xbf);
  return {
    entry: {
      name,
      isDirectory: name.endsWith('/'),
      size: raw.size,
      compressedSize: raw.compressedSize,
      modifiedAt: modifiedAt(raw),
      crc32: raw.crc32,
    },
    rawName: derivable ? null : Buffer.from(nameBytes),
    nameLength: nameBytes.length,
    flags: raw.flags,
    compressionMethod: raw.compressionMethod,
    localHeaderOffset: raw.localHeaderOffset,
  };
}

// Entries of a package share a handful of timestamps, and formatting a Date is a visible cost at 60,000 entries,
// so the last result is reused (for extended and DOS times separately; DOS times depend on the time zone, which is
// read per call by the Date constructor, so the key includes nothing else).
let lastExtra = NaN;
let lastExtraText: string | null = null;
let lastDos = -1;
let lastDosText: string | null = null;

/** As yauzl has it: the UTC extended timestamp when present, else the DOS fields read as local time (like `unzip -l`). */
function modifiedAt(raw: RawRecord): string | null {
  if (raw.dosDate === 0 && !raw.hasTimeField) return null;
  if (raw.extraTime !== undefined) {
    if (raw.extraTime !== lastExtra) {
      lastExtraText = isoOrNull(new Date(raw.extraTime));
      lastExtra = raw.extraTime;
    }
    return lastExtraText;
  }
  const key = raw.dosDate * 0x10000 + raw.dosTime;
  if (key !== lastDos) {
    const { dosDate: date, dosTime: time } = raw;
    lastDosText = isoOrNull(new Date((date >> 9) + 1980, ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2));
    lastDos = key;
  }
  return lastDosText;
}

function isoOrNull(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function readUInt64LE(buffer: Buffer, offset: number): number {
  return buffer.readUInt32LE(offset + 4) * 0x100000000 + buffer.readUInt32LE(offset);
}

/** Local file header, empty-archive end record, or spanned-archive marker at the start. */
function startsWithZipSignature(reader: BlockFileReader, fileSize: number): boolean {
  if (fileSize < 4) return false;
  try {
    const head = reader.bytesAt(0, 4);
    return head.readUInt16LE(0) === 0x4b50 && [0x0403, 0x0605, 0x0807].includes(head.readUInt16LE(2));
  } catch (error) {
    if (error instanceof UnexpectedEof) return false;
    throw error;
  }
}
