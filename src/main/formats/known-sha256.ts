import { hash } from 'node:crypto';

/**
 * sha256 of bytes that were hashed already: a package's manifest check hashes every file it reads, and the plan then
 * hashes the same code bytes again for the plan hash (a quarter second for 20,000 code files). Keyed by the Buffer
 * object, so a copy or a slice is not known; nobody must change a buffer after it was remembered.
 */
const known = new WeakMap<Buffer, string>();

/** Records that `data` hashes to `sha256` (hex), as just computed from these very bytes. */
export function rememberSha256(data: Buffer, sha256: string): void {
  known.set(data, sha256);
}

/** sha256 (hex) of bytes or UTF-8 text, in one call (no Hash object: a fifth faster for the many small files). */
export function sha256Of(data: Buffer | string): string {
  return hash('sha256', data, 'hex');
}

/** sha256 (hex) of bytes or UTF-8 text; remembered hashes are not computed again. */
export function sha256Hex(data: Buffer | string): string {
  return (typeof data === 'string' ? undefined : known.get(data)) ?? sha256Of(data);
}
