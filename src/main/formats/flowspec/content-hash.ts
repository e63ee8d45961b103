import { createHash } from 'node:crypto';

/**
 * Keys left out of content hashes at any depth. `metadata` holds what DataWorks stamps on export (createTime,
 * innerVersion, schedulerNodeId, tenant and project ids): it changes without the asset changing and differs
 * between workspaces by design.
 */
const volatileKeys = new Set(['metadata']);

/** `"key":` for keys seen so far; capped, because documents are untrusted and could hold any number of keys. */
const quotedKeys = new Map<string, string>();
const maxQuotedKeys = 10_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < maxQuotedKeys) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// Builds one string (V8 concatenation ropes are cheaper than many small array pushes and one join); this runs
// once per asset, so it is on the hot path of a 20,000-node package. Keys repeat across documents, so their
// quoted form is cached (a third less time than quoting each key again).
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || volatileKeys.has(key)) continue;
    out += (out.length > 1 ? ',' : '') + quotedKey(key) + canonical(item);
  }
  return `${out}}`;
}

/** JSON with sorted keys and without volatile keys, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value);
}

/** sha256 (hex) over the canonical form of each part, separated so parts cannot run into each other. */
export function contentHash(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(canonicalJson(part)).update('\u0000');
  return hash.digest('hex');
}

/** Deterministic id for an asset whose source has none: stable across reads, changes when it moves or is renamed. */
export function derivedId(kind: string, folderPath: string, name: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${folderPath}\u0000${name}`).digest('hex').slice(0, 24);
  return `${kind}:~${digest}`;
}
