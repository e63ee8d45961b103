import { createHash } from 'node:crypto';
import { jsonKeyColon, jsonString } from './values';

/**
 * Keys left out of content hashes at any depth. `metadata` holds what DataWorks stamps on export (createTime,
 * innerVersion, schedulerNodeId, tenant and project ids): it changes without the asset changing and differs
 * between workspaces by design.
 */
const volatileKeys = new Set(['metadata']);

// Builds one string (V8 concatenation ropes are cheaper than many small array pushes and one join); this runs
// once per asset, so it is on the hot path of a 20,000-node package. Keys repeat across documents, so their
// quoted form is cached (a third less time than quoting each key again), and strings are quoted without
// JSON.stringify where nothing needs escaping.
function canonical(value: unknown): string {
  if (typeof value === 'string') return jsonString(value);
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  const keys = sortedInPlace(Object.keys(value));
  let out = '{';
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || volatileKeys.has(key)) continue;
    out += (out.length > 1 ? ',' : '') + jsonKeyColon(key) + canonical(item);
  }
  return `${out}}`;
}

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

/** JSON with sorted keys and without volatile keys, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value);
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
  for (const part of first) hash.update(canonicalJson(part)).update('\u0000');
  return (...rest) => {
    for (const part of rest) hash.update(canonicalJson(part)).update('\u0000');
    return hash.digest('hex');
  };
}

/** Deterministic id for an asset whose source has none: stable across reads, changes when it moves or is renamed. */
export function derivedId(kind: string, folderPath: string, name: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${folderPath}\u0000${name}`).digest('hex').slice(0, 24);
  return `${kind}:~${digest}`;
}
