import { readSync, type promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';
import type { FerryError } from '../../../shared/errors';
import type { EntryRecord } from './central-directory-reader';
import { checkLocalHeader, LOCAL_HEADER_FIXED, localHeaderLength } from './local-header';
import { fromFsError, zipError } from './zip-errors';

/**
 * Entries at or below this size (compressed and uncompressed) are read with one positioned `readSync` and
 * inflated with `inflateRawSync`: per toolchain.md, per-entry stream setup, not inflation, dominates when a
 * package holds tens of thousands of small files. Larger entries stream so the event loop is not blocked.
 */
export const SMALL_ENTRY_BYTES = 1024 * 1024;

/** Where an archive's bytes come from: the same open file, for sync and async reads. */
export interface ArchiveFile {
  path: string;
  size: number;
  handle: fsp.FileHandle;
}

/** Reads, inflates and verifies one entry's bytes: local header, actual size = declared size, CRC-32. */
export async function readEntryData(file: ArchiveFile, record: EntryRecord): Promise<Buffer> {
  const { size, compressedSize } = record.entry;
  if (record.compressionMethod !== 0 && record.compressionMethod !== 8) {
    throw zipError('unsupported', file.path, `uses compression method ${record.compressionMethod} (only stored and deflate are supported)`, record.entry.name);
  }
  try {
    const data = size <= SMALL_ENTRY_BYTES && compressedSize <= SMALL_ENTRY_BYTES ? readSmall(file, record) : await readLarge(file, record);
    if (crc32(data) !== record.entry.crc32) {
      throw zipError('corrupt-archive', file.path, `fails its CRC-32 check (expected ${hex(record.entry.crc32)}, got ${hex(crc32(data))})`, record.entry.name);
    }
    return data;
  } catch (error) {
    throw toReadError(file.path, record, error);
  }
}

function readSmall(file: ArchiveFile, record: EntryRecord): Buffer {
  const { compressedSize, size } = record.entry;
  const start = record.localHeaderOffset;
  const available = file.size - start;
  // One read usually covers header, name, a typical extra field and the data.
  let chunk = readAt(file, start, Math.min(LOCAL_HEADER_FIXED + record.nameBytes.length + 256 + compressedSize, available));
  const headerLength = checkLocalHeader(file.path, record, chunk);
  const end = headerLength + compressedSize;
  if (end > available) throw truncated(file.path, record);
  if (end > chunk.length) chunk = readAt(file, start, end);
  const data = chunk.subarray(headerLength, end);
  if (record.compressionMethod === 0) return checkSize(file.path, record, Buffer.from(data));
  // maxOutputLength stops a lying entry at one byte past its declared size instead of inflating all of it.
  return checkSize(file.path, record, inflateRawSync(data, { maxOutputLength: Math.max(size + 1, 1) }));
}

async function readLarge(file: ArchiveFile, record: EntryRecord): Promise<Buffer> {
  const { compressedSize, size } = record.entry;
  const start = record.localHeaderOffset;
  const fixed = Buffer.alloc(LOCAL_HEADER_FIXED);
  await file.handle.read(fixed, 0, LOCAL_HEADER_FIXED, start);
  const head = Buffer.alloc(Math.min(localHeaderLength(fixed), file.size - start));
  const { bytesRead } = await file.handle.read(head, 0, head.length, start);
  const headerLength = checkLocalHeader(file.path, record, head.subarray(0, bytesRead));
  const dataStart = start + headerLength;
  if (dataStart + compressedSize > file.size) throw truncated(file.path, record);
  if (compressedSize === 0) return checkSize(file.path, record, Buffer.alloc(0));

  const chunks: Buffer[] = [];
  let total = 0;
  // pipeline() reports an AbortError when the last stage throws, so the real reason is kept here.
  let overflow: FerryError | null = null;
  const collect = async (input: AsyncIterable<Buffer>) => {
    for await (const chunk of input) {
      total += chunk.length;
      if (total > size) throw (overflow = tooLarge(file.path, record));
      chunks.push(chunk);
    }
  };
  const source = file.handle.createReadStream({ start: dataStart, end: dataStart + compressedSize - 1, autoClose: false });
  try {
    if (record.compressionMethod === 8) await pipeline(source, createInflateRaw(), collect);
    else await pipeline(source, collect);
  } catch (error) {
    throw overflow ?? error;
  }
  return checkSize(file.path, record, Buffer.concat(chunks, total));
}

function readAt(file: ArchiveFile, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(length, 0));
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(file.handle.fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

function checkSize(filePath: string, record: EntryRecord, data: Buffer): Buffer {
  if (data.length > record.entry.size) throw tooLarge(filePath, record);
  if (data.length < record.entry.size) {
    throw zipError('corrupt-archive', filePath, `holds ${data.length} bytes but declares ${record.entry.size}`, record.entry.name);
  }
  return data;
}

function tooLarge(filePath: string, record: EntryRecord): FerryError {
  return zipError('unsafe-archive', filePath, `inflates to more than its declared ${record.entry.size} bytes (size in the directory is false)`, record.entry.name);
}

function truncated(filePath: string, record: EntryRecord): FerryError {
  return zipError('corrupt-archive', filePath, 'has data past the end of the file (truncated archive)', record.entry.name);
}

function toReadError(filePath: string, record: EntryRecord, error: unknown): FerryError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(filePath, record);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'Z_NEED_DICT') {
    return zipError('corrupt-archive', filePath, `has corrupt compressed data (${(error as Error).message})`, record.entry.name);
  }
  return fromFsError(filePath, error);
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
