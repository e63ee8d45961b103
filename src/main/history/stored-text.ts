import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A task's plan and report are the history database's large texts: ~45 MB and ~17 MB of JSON for 20,000 objects, so
 * a few imports made a laptop's history hundreds of megabytes. They are stored gzip-compressed as BLOBs in their
 * (TEXT-affinity) columns: level 1 makes them about a tenth of the size, in less time than SQLite took to write the
 * difference. Rows written before hold plain TEXT and are read as they are; schema version 8 marks a database that
 * may hold packed texts, so that an older build refuses it rather than misreading them.
 */
export function packText(text: string): Buffer {
  return gzipSync(text, { level: 1 });
}

/** The text of a stored value, packed or (rows written before) plain. */
export function unpackText(value: string | Buffer): string {
  return typeof value === 'string' ? value : gunzipSync(value).toString('utf8');
}
