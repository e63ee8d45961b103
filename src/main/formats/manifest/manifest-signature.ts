import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ManifestSignature, ManifestSigning } from '../../../shared/model/package-manifest';
import { manifestEntryName } from '../../../shared/model/package-manifest';

/**
 * scrypt cost for new packages: N=2^15, r=8 (32 MiB, about 0.1 s) is OWASP's floor for interactive use. A package
 * is signed once and verified once, so this is cheap for us and expensive for someone guessing passphrases
 * offline from a captured package.
 */
const defaultCost = { N: 1 << 15, r: 8, p: 1, keyLength: 32 };
/** Upper bounds accepted from a manifest, so a hostile package cannot make verification take gigabytes. */
const maxN = 1 << 20;
const maxR = 16;
const maxP = 4;

/** Signing parameters for a new package: fresh 16-byte salt, default cost. */
export function newSigning(): ManifestSigning {
  return {
    algorithm: 'HMAC-SHA256',
    kdf: { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...defaultCost },
  };
}

/** Whether the manifest's key-derivation cost is within what Ferry agrees to compute. */
export function signingCostAcceptable(signing: ManifestSigning): boolean {
  const { N, r, p, keyLength } = signing.kdf;
  return (
    N <= maxN && (N & (N - 1)) === 0 && N > 1 && r <= maxR && p <= maxP && keyLength >= 16 && keyLength <= 64
  );
}

/** Derives the HMAC key from the passphrase shared by source and destination. */
export function deriveKey(passphrase: string, signing: ManifestSigning): Promise<Buffer> {
  const { salt, N, r, p, keyLength } = signing.kdf;
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; allow that plus headroom (Node's default cap is 32 MiB, just short of N=2^15).
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(salt, 'base64'),
      keyLength,
      { N, r, p, maxmem: 256 * N * r + (1 << 20) },
      (error, key) => {
        if (error) reject(error);
        else resolve(key);
      },
    );
  });
}

/** HMAC-SHA256 of the manifest entry's exact bytes. */
export function hmacOf(key: Buffer, manifestBytes: Buffer): string {
  return createHmac('sha256', key).update(manifestBytes).digest('hex');
}

/** Builds the `ferry-manifest.sig` entry for the given manifest bytes. */
export async function signManifest(
  manifestBytes: Buffer,
  passphrase: string,
  signing: ManifestSigning,
): Promise<Buffer> {
  const signature: ManifestSignature = {
    algorithm: 'HMAC-SHA256',
    signed: manifestEntryName,
    hmac: hmacOf(await deriveKey(passphrase, signing), manifestBytes),
  };
  return Buffer.from(`${JSON.stringify(signature, null, 2)}\n`, 'utf8');
}

/** Constant-time comparison of the expected and the stored HMAC. */
export async function signatureMatches(
  manifestBytes: Buffer,
  passphrase: string,
  signing: ManifestSigning,
  storedHmac: string,
): Promise<boolean> {
  const expected = Buffer.from(hmacOf(await deriveKey(passphrase, signing), manifestBytes), 'hex');
  const stored = Buffer.from(storedHmac, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
