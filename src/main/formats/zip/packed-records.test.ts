import { describe, expect, it } from 'vitest';
import type { EntryRecord } from './central-directory-reader';
import { packRecords, recordAt } from './packed-records';

const record = (name: string, offset: number, rawName: Buffer | null): EntryRecord => ({
  entry: {
    name,
    isDirectory: false,
    size: 5045 + offset,
    compressedSize: 1200 + offset,
    modifiedAt: null,
    crc32: 0xfedcba98 - offset,
  },
  rawName,
  nameLength: rawName?.length ?? Buffer.byteLength(name),
  flags: 0x800,
  compressionMethod: 8,
  localHeaderOffset: 2 ** 33 + offset, // past 4 GiB: zip64 offsets survive
});

describe('packed records', () => {
  it('come back from another thread as the records they were, stored name bytes included', () => {
    const records = [
      record('业务流程/a.sql', 0, null),
      record('b.sql', 7, Buffer.from([0xef, 0xbb, 0xbf, 0x62, 0x2e, 0x73, 0x71, 0x6c])),
    ];
    const arrived = structuredClone(packRecords(records, 3 * 2 ** 32));
    expect(arrived.fileSize).toBe(3 * 2 ** 32);
    records.forEach((r, i) => expect(recordAt(arrived, i, r.entry.name)).toEqual(r));
    expect(Buffer.isBuffer(recordAt(arrived, 1, 'b.sql').rawName)).toBe(true);
  });
});
