import { zipError } from './zip-errors';
import { nameBytesOf, type EntryRecord } from './central-directory-reader';

/** Fixed part of a local file header, before the name and extra field. */
export const LOCAL_HEADER_FIXED = 30;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Checks the local header at the start of `head` against the central directory record and returns the header's
 * full length (where the entry data starts). `head` must hold at least the fixed part and the name.
 *
 * The central directory is the authority for sizes and CRC (local sizes are zero when a data descriptor is used,
 * and 0xFFFFFFFF in zip64), but the name, method and encryption flag must agree: tools that trust the local
 * header would otherwise extract a different file than the one that was checked.
 */
export function checkLocalHeader(filePath: string, record: EntryRecord, head: Buffer): number {
  const name = record.entry.name;
  if (head.length < LOCAL_HEADER_FIXED + record.nameLength) {
    throw zipError('corrupt-archive', filePath, 'has its local header past the end of the file (truncated archive)', name);
  }
  if (head.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw zipError('corrupt-archive', filePath, 'has no local header where the central directory points (corrupt archive)', name);
  }
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const localName = head.subarray(LOCAL_HEADER_FIXED, LOCAL_HEADER_FIXED + nameLength);
  if (!localName.equals(nameBytesOf(record))) {
    const shown = localName.toString('utf8');
    throw zipError('unsafe-archive', filePath, `is named ${JSON.stringify(shown)} in its local header (central directory and local header disagree)`, name);
  }
  if ((flags & 0x1) !== 0) throw zipError('unsafe-archive', filePath, 'is encrypted according to its local header', name);
  if (method !== record.compressionMethod) {
    throw zipError('corrupt-archive', filePath, `uses compression method ${method} in its local header but ${record.compressionMethod} in the central directory`, name);
  }
  return LOCAL_HEADER_FIXED + nameLength + extraLength;
}

/** Length of the local header given its fixed part (to know how much more to read). */
export function localHeaderLength(fixed: Buffer): number {
  return LOCAL_HEADER_FIXED + fixed.readUInt16LE(26) + fixed.readUInt16LE(28);
}
