import { crc32, deflateRawSync } from 'node:zlib';

/**
 * One entry of a zip written byte by byte, for tests that need archives yazl refuses to make (traversal names,
 * link attributes, encryption flags, lying sizes, duplicates). Every field defaults to the honest value.
 */
export interface HandEntry {
  name: string | Buffer;
  data?: Buffer | string;
  /** Deflate the data (method 8) instead of storing it. */
  deflate?: boolean;
  flags?: number;
  externalAttributes?: number;
  /** Declared uncompressed size (central and local) instead of the real one. */
  declaredSize?: number;
  declaredCrc?: number;
  /** Name written in the local header instead of `name`. */
  localName?: string;
  /** Make the central record point at the local header of this earlier entry instead of its own. */
  shareDataWith?: number;
  extraField?: Buffer;
  compressionMethod?: number;
}

/** Builds a complete zip (local headers, central directory, end record) from hand-specified entries. */
export function buildZip(entries: HandEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8');
    const localName = entry.localName === undefined ? name : Buffer.from(entry.localName, 'utf8');
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
    const stored = entry.deflate ? deflateRawSync(raw) : raw;
    const method = entry.compressionMethod ?? (entry.deflate ? 8 : 0);
    const flags = entry.flags ?? (Buffer.isBuffer(entry.name) ? 0 : 0x800);
    const crc = entry.declaredCrc ?? crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const extra = entry.extraField ?? Buffer.alloc(0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x6000, 10); // 12:00
    local.writeUInt16LE(0x5a21, 12); // 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    const ownOffset = offset;
    offsets.push(ownOffset);
    const block = Buffer.concat([local, localName, stored]);
    locals.push(block);
    offset += block.length;

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by unix, so the mode in the external attributes counts
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x6000, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(entry.externalAttributes ?? (0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(entry.shareDataWith === undefined ? ownOffset : offsets[entry.shareDataWith], 42);
    centrals.push(Buffer.concat([central, name, extra]));
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
