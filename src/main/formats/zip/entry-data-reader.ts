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

/** Reads and inflated output of a large entry come in chunks of this size (see readLarge). */
const STREAM_CHUNK_BYTES = 1024 * 1024;
/** Small entries are read through a cache of aligned blocks of this size (see {@link readAt}). */
const BLOCK_BYTES = 64 * 1024;
/** Blocks kept per open archive: 2 MiB, enough to hold a whole workflow folder of code files. */
const CACHED_BLOCKS = 32;

/** Where an archive's bytes come from: the same open file, for sync and async reads. */
export interface ArchiveFile {
  path: string;
  size: number;
  handle: fsp.FileHandle;
  /**
   * Block cache for small reads (see {@link readAt}), keyed by block index, least recently used first; private to
   * this module. Never handed out: stored data is copied and deflated data is inflated into new buffers.
   */
  blocks?: Map<number, Buffer>;
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
  let chunk = readAt(file, start, Math.min(LOCAL_HEADER_FIXED + record.nameLength + 256 + compressedSize, available));
  const headerLength = checkLocalHeader(file.path, record, chunk);
  const end = headerLength + compressedSize;
  if (end > available) throw truncated(file.path, record);
  if (end > chunk.length) chunk = readAt(file, start, end);
  const data = chunk.subarray(headerLength, end);
  if (record.compressionMethod === 0) return checkSize(file.path, record, Buffer.from(data));
  // maxOutputLength stops a lying entry at one byte past its declared size instead of inflating all of it. An
  // output chunk of the declared size (+1 to see a lie) inflates in one step into one allocation, instead of
  // zlib's 16 KiB chunks: about a third less time per small entry.
  return checkSize(file.path, record, inflateRawSync(data, { maxOutputLength: size + 1, chunkSize: Math.max(size + 1, 64) }));
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
  // Chunks of 1 MiB, not the streams' 64 KiB and 16 KiB: each chunk is a round trip through the thread pool, and an
  // 8.5 MB manifest took ~500 of them (a fifth of its reading time).
  const source = file.handle.createReadStream({ start: dataStart, end: dataStart + compressedSize - 1, autoClose: false, highWaterMark: STREAM_CHUNK_BYTES });
  try {
    if (record.compressionMethod === 8) await pipeline(source, createInflateRaw({ chunkSize: STREAM_CHUNK_BYTES }), collect);
    else await pipeline(source, collect);
  } catch (error) {
    throw overflow ?? error;
  }
  return checkSize(file.path, record, Buffer.concat(chunks, total));
}

/**
 * Up to `length` bytes at `position` (fewer at the end of the file), read through a small cache of aligned 64 KiB
 * blocks. Entries of a zip are mostly read in or near file order (all descriptions sorted by offset; the code files
 * of one workflow folder, which zip tools write together), so one `readSync` serves ten or more small entries. A
 * truly random read costs a 64 KiB read instead of a 4 KiB one, which is about the same syscall.
 */
function readAt(file: ArchiveFile, position: number, length: number): Buffer {
  length = Math.max(Math.min(length, file.size - position), 0);
  const first = Math.floor(position / BLOCK_BYTES);
  const last = Math.floor((position + Math.max(length, 1) - 1) / BLOCK_BYTES);
  if (last - first > 1) return readExact(file, position, length);
  const offset = position - first * BLOCK_BYTES;
  const head = block(file, first);
  if (first === last) return head.subarray(offset, offset + length);
  const out = Buffer.allocUnsafe(length);
  const fromHead = head.copy(out, 0, offset);
  const tail = block(file, last);
  const fromTail = tail.copy(out, fromHead, 0, length - fromHead);
  return out.subarray(0, fromHead + fromTail);
}

function block(file: ArchiveFile, index: number): Buffer {
  const blocks = (file.blocks ??= new Map<number, Buffer>());
  const cached = blocks.get(index);
  if (cached) {
    // Move to the most recently used end.
    blocks.delete(index);
    blocks.set(index, cached);
    return cached;
  }
  // The evicted block's memory is reused: a fresh 64 KiB buffer per block would leave the whole file's worth of
  // dead external memory (93 MB on the bench package) for the garbage collector, raising peak RSS by ~30 MB.
  let spare: Buffer | undefined;
  if (blocks.size >= CACHED_BLOCKS) {
    const oldest = blocks.entries().next();
    if (!oldest.done) {
      blocks.delete(oldest.value[0]);
      spare = oldest.value[1];
    }
  }
  const memory = spare && spare.buffer.byteLength >= BLOCK_BYTES ? Buffer.from(spare.buffer, spare.byteOffset, BLOCK_BYTES) : Buffer.allocUnsafeSlow(BLOCK_BYTES);
  const bytes = readInto(file, memory, index * BLOCK_BYTES);
  blocks.set(index, bytes);
  return bytes;
}

/** Fills `buffer` from `position` (less at the end of the file); returns the part that was read. */
function readInto(file: ArchiveFile, buffer: Buffer, position: number): Buffer {
  const length = Math.max(Math.min(buffer.length, file.size - position), 0);
  let done = 0;
  while (done < length) {
    const read = readSync(file.handle.fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}

function readExact(file: ArchiveFile, position: number, length: number): Buffer {
  return readInto(file, Buffer.allocUnsafe(Math.max(Math.min(length, file.size - position), 0)), position);
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
