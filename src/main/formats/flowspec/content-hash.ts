import { createHash } from 'node:crypto';

/**
 * Keys left out of content hashes at any depth. `metadata` holds what DataWorks stamps on export (createTime,
 * innerVersion, schedulerNodeId, tenant and project ids): it changes without the asset changing and differs
 * between workspaces by design.
 */
const volatileKeys = new Set(['metadata']);

/** Longest key list sorted by insertion: beyond it the built-in sort (insertion sort is quadratic). */
const INSERTION_SORT_MAX = 24;

/**
 * Sorts a list of keys in place, in the order Array.prototype.sort gives strings (UTF-16 code units). An object's
 * keys are usually few, and insertion sort spares the copy and comparator calls of the built-in sort: a quarter of
 * the time of canonicalizing a FlowSpec node.
 */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j -= 1) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}

const HEX = '0123456789abcdef';
/** JSON.stringify's short escapes, by code unit; 0 where it writes `\u00XX` (or nothing, for ordinary characters). */
const SHORT_ESCAPE = new Uint8Array(128);
for (const [unit, letter] of [
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x22, '"'],
  [0x5c, '\\'],
] as const)
  SHORT_ESCAPE[unit] = letter.charCodeAt(0);

/**
 * Writes the canonical JSON of a value as UTF-8 bytes into one buffer it reuses: sorted keys, no volatile keys,
 * members whose value is undefined left out, strings escaped as JSON.stringify escapes them. Hashing runs once per
 * asset on both sides of a plan (40,000 times for the bench), and building a string first cost ~300 MB of
 * short-lived strings per plan, then a flattening copy and a UTF-8 conversion in `hash.update`.
 */
class CanonicalWriter {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private at = 0;

  /** The canonical bytes of `value`: a view of the writer's buffer, valid until the next call. */
  bytesOf(value: unknown): Buffer {
    this.at = 0;
    this.value(value);
    return this.buffer.subarray(0, this.at);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }

  private ascii(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i += 1) this.buffer[this.at++] = text.charCodeAt(i);
  }

  private value(value: unknown): void {
    if (typeof value === 'string') return this.string(value);
    if (value === null || value === undefined) return this.ascii('null');
    if (typeof value === 'number') return this.ascii(Number.isFinite(value) ? String(value) : 'null');
    if (typeof value === 'boolean') return this.ascii(value ? 'true' : 'false');
    if (typeof value !== 'object') return this.ascii(String(JSON.stringify(value))); // not in parsed JSON
    this.room(1);
    if (Array.isArray(value)) {
      this.buffer[this.at++] = 0x5b; // [
      for (let i = 0; i < value.length; i += 1) {
        if (i > 0) this.ascii(',');
        this.value(value[i]);
      }
      return this.ascii(']');
    }
    this.buffer[this.at++] = 0x7b; // {
    let first = true;
    for (const key of sortedInPlace(Object.keys(value))) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || volatileKeys.has(key)) continue;
      if (!first) this.ascii(',');
      first = false;
      this.string(key);
      this.ascii(':');
      this.value(item);
    }
    this.ascii('}');
  }

  /** A JSON string: quoted, escaped as JSON.stringify does (lone surrogates as `\udXXX`), in UTF-8. */
  private string(text: string): void {
    this.room(text.length * 6 + 2);
    const out = this.buffer;
    let at = this.at;
    out[at++] = 0x22;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) {
        if (unit >= 0x20 && unit !== 0x22 && unit !== 0x5c) out[at++] = unit;
        else if (SHORT_ESCAPE[unit] !== 0) {
          out[at++] = 0x5c;
          out[at++] = SHORT_ESCAPE[unit];
        } else at = escapeUnit(out, at, unit);
      } else if (unit < 0x800) {
        out[at++] = 0xc0 | (unit >> 6);
        out[at++] = 0x80 | (unit & 0x3f);
      } else if (unit >= 0xd800 && unit <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
          out[at++] = 0xf0 | (point >> 18);
          out[at++] = 0x80 | ((point >> 12) & 0x3f);
          out[at++] = 0x80 | ((point >> 6) & 0x3f);
          out[at++] = 0x80 | (point & 0x3f);
          i += 1;
        } else at = escapeUnit(out, at, unit); // a lone surrogate
      } else {
        out[at++] = 0xe0 | (unit >> 12);
        out[at++] = 0x80 | ((unit >> 6) & 0x3f);
        out[at++] = 0x80 | (unit & 0x3f);
      }
    }
    out[at++] = 0x22;
    this.at = at;
  }
}

/** Writes `\uXXXX` (lowercase hex, as JSON.stringify) at `at`; returns the position after it. */
function escapeUnit(out: Buffer, at: number, unit: number): number {
  out[at++] = 0x5c;
  out[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) out[at++] = HEX.charCodeAt((unit >> shift) & 0xf);
  return at;
}

/** One writer per thread: its bytes are hashed or decoded before the next value is written. */
const writer = new CanonicalWriter();
const SEPARATOR = Buffer.from([0]);

/** JSON with sorted keys and without volatile keys, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return writer.bytesOf(value).toString('utf8');
}

/** sha256 (hex) over the canonical form of each part, separated so parts cannot run into each other. */
export function contentHash(...parts: unknown[]): string {
  return contentHasher(...parts)();
}

/**
 * {@link contentHash} in two steps: the parts known now are hashed at once, the rest when they are known; the
 * result is the same as hashing them all at once. Call the returned function once.
 */
export function contentHasher(...first: unknown[]): (...rest: unknown[]) => string {
  const hash = createHash('sha256');
  for (const part of first) hash.update(writer.bytesOf(part)).update(SEPARATOR);
  return (...rest) => {
    for (const part of rest) hash.update(writer.bytesOf(part)).update(SEPARATOR);
    return hash.digest('hex');
  };
}

/** Deterministic id for an asset whose source has none: stable across reads, changes when it moves or is renamed. */
export function derivedId(kind: string, folderPath: string, name: string): string {
  const digest = createHash('sha256')
    .update(`${kind}\u0000${folderPath}\u0000${name}`)
    .digest('hex')
    .slice(0, 24);
  return `${kind}:~${digest}`;
}
