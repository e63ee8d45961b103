import { createHash } from 'node:crypto';

/**
 * Keys left out of content hashes at any depth. `metadata` holds what DataWorks stamps on export (createTime,
 * innerVersion, schedulerNodeId, tenant and project ids): it changes without the asset changing and differs
 * between workspaces by design.
 */
const volatileKeys = new Set(['metadata']);

function writeCanonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(value === undefined ? 'null' : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      writeCanonical(item, out);
    });
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (volatileKeys.has(key) || item === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    writeCanonical(item, out);
  }
  out.push('}');
}

/** JSON with sorted keys and without volatile keys, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join('');
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
