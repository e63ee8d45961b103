import { crc32 } from 'node:zlib';

/**
 * Caps that stop hostile archives before they cost memory or disk. Defaults suit data-pipeline packages: a
 * 20,000-node SPEC package has about 40,000 entries and tens of MB, so these only trip on archives built to hurt.
 */
export interface ZipLimits {
  /** Most entries the central directory may declare. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, summed from the declared sizes (actual sizes are checked on read). */
  maxTotalBytes: number;
  /** Highest uncompressed:compressed ratio allowed for an entry larger than {@link ZipLimits.ratioThresholdBytes}. */
  maxCompressionRatio: number;
  /** Entries at or below this size are exempt from the ratio cap (tiny files of repeated bytes are normal). */
  ratioThresholdBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioThresholdBytes: 1024 ** 2,
};

/** The fields of a central-directory record that the safety rules look at. */
export interface RawEntryFacts {
  nameBytes: Buffer;
  flags: number;
  compressionMethod: number;
  externalFileAttributes: number;
  size: number;
  compressedSize: number;
  extraFields: { id: number; data: Buffer }[];
}

/** A broken rule: `problem` completes `<file>: entry "<name>" ...`. */
export interface Violation {
  kind: 'unsafe' | 'corrupt';
  problem: string;
}

const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an entry name. Names flagged UTF-8, or carrying a matching Info-ZIP Unicode Path field, are decoded as
 * UTF-8. Unflagged names that are plain ASCII, or valid UTF-8 (macOS Archive Utility and many Java tools write
 * UTF-8 without the flag), are accepted as such. Anything else is in some legacy code page (GBK, Shift-JIS, CP437)
 * that cannot be told apart reliably; guessing would silently mangle names and could make two entries collide,
 * so such names are refused and the user is asked to re-create the archive with UTF-8 names.
 */
export function decodeEntryName(facts: RawEntryFacts): { name: string } | { shownName: string; violation: Violation } {
  const raw = facts.nameBytes;
  const unicodePath = facts.extraFields.find((field) => field.id === 0x7075 && field.data.length >= 6 && field.data[0] === 1);
  // The Unicode Path field only counts when its CRC matches the header name (the spec's guard against stale fields).
  const useUnicodePath = (facts.flags & UTF8_FLAG) === 0 && unicodePath !== undefined && unicodePath.data.readUInt32LE(1) === crc32(raw);
  try {
    return { name: strictUtf8.decode(useUnicodePath ? unicodePath.data.subarray(5) : raw) };
  } catch {
    const shownName = [...raw].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`)).join('');
    const problem =
      (facts.flags & UTF8_FLAG) !== 0
        ? 'is flagged as UTF-8 but its name is not valid UTF-8'
        : 'has a name that is not UTF-8 (a legacy code page such as GBK or CP437); re-create the archive with UTF-8 file names';
    return { shownName, violation: { kind: 'unsafe', problem } };
  }
}

/** Checks a decoded name for anything that could escape the package folder or mean different files on different systems. */
export function checkEntryName(name: string): Violation | null {
  const unsafe = (problem: string): Violation => ({ kind: 'unsafe', problem });
  if (name.length === 0) return unsafe('has an empty name');
  if (/[\u0000-\u001f\u007f]/.test(name)) return unsafe('has control characters in its name');
  if (name.includes('\\')) return unsafe('uses backslashes in its name (zip names must use "/"; possible path traversal on Windows)');
  if (name.startsWith('/')) return unsafe('is an absolute path (it must be relative to the package folder)');
  if (/^[a-zA-Z]:/.test(name)) return unsafe('starts with a drive letter (absolute Windows path)');
  if (name.split('/').includes('..')) return unsafe('escapes the package folder (path traversal)');
  return null;
}

/** Checks one record on its own: links, encryption, size claims, compression ratio. */
export function checkEntryFacts(facts: RawEntryFacts, limits: ZipLimits): Violation | null {
  if ((facts.flags & ENCRYPTED_FLAG) !== 0) return { kind: 'unsafe', problem: 'is encrypted (packages must not be password-protected)' };
  if (((facts.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return { kind: 'unsafe', problem: 'is a symbolic link (links are not allowed in packages)' };
  if (facts.compressionMethod === 0 && facts.size !== facts.compressedSize) {
    return { kind: 'corrupt', problem: `is stored uncompressed but declares ${facts.size} bytes and ${facts.compressedSize} compressed bytes` };
  }
  if (facts.size > limits.ratioThresholdBytes && facts.size > facts.compressedSize * limits.maxCompressionRatio) {
    const ratio = facts.compressedSize === 0 ? 'infinite' : `${Math.round(facts.size / facts.compressedSize)}:1`;
    return {
      kind: 'unsafe',
      problem: `expands ${facts.compressedSize} bytes to ${facts.size} bytes (ratio ${ratio}, limit ${limits.maxCompressionRatio}:1; possible zip bomb)`,
    };
  }
  return null;
}

/**
 * Rules that need the whole directory: duplicate names, the total size cap, and entries whose data overlap (the
 * trick behind "non-recursive" zip bombs, where many entries point at the same compressed bytes).
 */
export class ArchiveSafetyTracker {
  private readonly names = new Set<string>();
  private readonly spans: { start: number; end: number; name: string }[] = [];
  private totalBytes = 0;

  constructor(private readonly limits: ZipLimits) {}

  /** Registers an entry; returns what is wrong or null. */
  add(name: string, size: number, localHeaderOffset: number, minimumSpan: number): Violation | null {
    if (this.names.has(name)) return { kind: 'unsafe', problem: 'appears more than once (duplicate entry names are ambiguous)' };
    this.names.add(name);
    this.totalBytes += size;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      return { kind: 'unsafe', problem: `brings the total uncompressed size over the ${formatBytes(this.limits.maxTotalBytes)} limit (possible zip bomb)` };
    }
    this.spans.push({ start: localHeaderOffset, end: localHeaderOffset + minimumSpan, name });
    return null;
  }

  /** After all entries: the first pair of entries whose bytes overlap, if any. */
  findOverlap(): { name: string; other: string } | null {
    const sorted = [...this.spans].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i].start < sorted[i - 1].end) return { name: sorted[i].name, other: sorted[i - 1].name };
    }
    return null;
  }
}

/** Human-readable byte count for messages. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
