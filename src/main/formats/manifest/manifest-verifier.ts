import { FerryError } from '../../../shared/errors';
import {
  manifestEntryName,
  manifestSignatureSchema,
  signatureEntryName,
  type ManifestFile,
  type PackageManifest,
} from '../../../shared/model/package-manifest';
import { isUtf8 } from 'node:buffer';
import { rememberSha256, sha256Of } from '../known-sha256';
import type { PackageSource } from '../source/package-source';
import { parseManifest } from './manifest-document';
import { signatureMatches, signingCostAcceptable } from './manifest-signature';

export interface VerifyOptions {
  /** The passphrase shared with the source; required when the manifest is signed. */
  passphrase?: string;
  signal?: AbortSignal;
}

/** Files hashed at once: enough to overlap zip/disk reads with hashing, few enough to bound memory. */
const concurrency = 8;
const changed = 'the package was changed after export';

/**
 * Checks a package against its Ferry manifest, if it has one at `root`: signature first (when the manifest says
 * it is signed or a passphrase is given), then that the files are exactly the listed ones with the listed sizes.
 * Returns a source that checks each file's SHA-256 as it is read, and `verifyRest` for the files nobody read, so
 * a file is inflated and hashed once, not once to verify and again to read. Returns null for a package without a
 * manifest (and no passphrase). Any difference is refused with one line naming the file:
 * - content: `corrupt-archive` (`<pkg>: <entry> does not match the manifest (sha256 differs) — ...`);
 * - signature missing, stripped or wrong: `unsafe-archive`;
 * - signed but no passphrase given: `bad-request` with `details.reason = 'passphrase-required'`.
 */
export async function checkPackageManifest(
  source: PackageSource,
  root: string,
  describe: string,
  options: VerifyOptions = {},
): Promise<ManifestCheckedSource | null> {
  const manifestEntry = `${root}${manifestEntryName}`;
  const signatureEntry = `${root}${signatureEntryName}`;
  const { passphrase } = options;
  if (!source.info(manifestEntry)) {
    if (passphrase === undefined) return null;
    throw refusal(
      'unsafe-archive',
      `${describe}: a passphrase was given but the package has no Ferry manifest (${manifestEntryName}) to check it against — it was not written by Ferry, or the manifest was removed`,
      'manifest-missing',
    );
  }
  const manifestBytes = await source.readBytes(manifestEntry);
  const manifest = parseManifest(manifestBytes, describe, manifestEntry);

  if (manifest.signing !== null || passphrase !== undefined) {
    if (manifest.signing === null)
      throw refusal(
        'unsafe-archive',
        `${describe}: a passphrase was given but the package is not signed — the signature may have been stripped after export`,
        'signature-missing',
      );
    if (passphrase === undefined)
      throw refusal(
        'bad-request',
        `${describe} is signed: give the passphrase shared with the source (ferry --passphrase-env <VAR>; the app asks for it)`,
        'passphrase-required',
      );
    if (!source.info(signatureEntry))
      throw refusal(
        'unsafe-archive',
        `${describe}: the manifest says the package is signed but ${signatureEntry} is missing — ${changed}`,
        'signature-missing',
      );
    if (!signingCostAcceptable(manifest.signing))
      throw refusal(
        'unsupported',
        `${describe}: the manifest asks for scrypt parameters Ferry does not accept (N=${manifest.signing.kdf.N}, r=${manifest.signing.kdf.r}, p=${manifest.signing.kdf.p})`,
        'signing-cost',
      );
    let stored: string;
    try {
      stored = manifestSignatureSchema.parse(
        JSON.parse((await source.readBytes(signatureEntry)).toString('utf8')),
      ).hmac;
    } catch {
      throw refusal(
        'unsafe-archive',
        `${describe}: ${signatureEntry} is not a valid signature — ${changed}`,
        'signature-malformed',
      );
    }
    if (!(await signatureMatches(manifestBytes, passphrase, manifest.signing, stored))) {
      throw refusal(
        'unsafe-archive',
        `${describe}: the signature does not match — wrong passphrase, or ${changed}`,
        'signature-mismatch',
      );
    }
  }

  const expected = new Map<string, ManifestFile>();
  for (const file of manifest.files) {
    if (expected.has(file.path))
      throw new FerryError('malformed-document', `${describe}: ${manifestEntry} lists ${file.path} twice`);
    expected.set(file.path, file);
  }
  const present = new Set<string>();
  for (const entry of source.list()) {
    if (entry === manifestEntry || (entry === signatureEntry && manifest.signing !== null)) continue;
    const relative = entry.startsWith(root) ? entry.slice(root.length) : null;
    if (relative === null || !expected.has(relative))
      throw mismatch(describe, entry, `${entry} is not in the manifest — ${changed}`, 'extra-file');
    present.add(relative);
  }
  for (const file of manifest.files) {
    if (!present.has(file.path))
      throw mismatch(
        describe,
        `${root}${file.path}`,
        `${root}${file.path} is listed in the manifest but missing from the package — ${changed}`,
        'missing-file',
      );
    const size = source.info(`${root}${file.path}`)?.size;
    if (size !== file.size)
      throw mismatch(
        describe,
        `${root}${file.path}`,
        `${root}${file.path} does not match the manifest (size differs: ${size} bytes, the manifest says ${file.size}) — ${changed}`,
        'size-differs',
      );
  }
  return manifestCheckedSource(source, root, manifest, describe);
}

/** A package source whose reads are checked against the manifest; {@link checkPackageManifest} makes one. */
export interface ManifestCheckedSource extends PackageSource {
  readonly manifest: PackageManifest;
  /**
   * Checks a file read through another opening of the package (a worker's) by its size and sha256: throws like a
   * read would on a mismatch; a file that matches is not hashed again by verifyRest.
   */
  checkRead(entry: string, size: number, sha256: string): void;
  /** Hashes every listed file not read so far (in file order); throws like a read would on the first mismatch. */
  verifyRest(signal?: AbortSignal): Promise<void>;
}

function manifestCheckedSource(
  source: PackageSource,
  root: string,
  manifest: PackageManifest,
  describe: string,
): ManifestCheckedSource {
  const expected = new Map(manifest.files.map((file) => [`${root}${file.path}`, file] as const));
  const verified = new Set<string>();
  /** Checks what was read of `entry` (its size, then its sha256, hashed only when needed) against the manifest. */
  const checkRead = (entry: string, size: number, sha256: () => string): void => {
    const file = expected.get(entry);
    if (!file || verified.has(entry)) return;
    if (size !== file.size)
      throw mismatch(
        describe,
        entry,
        `${entry} does not match the manifest (size differs: ${size} bytes, the manifest says ${file.size}) — ${changed}`,
        'size-differs',
      );
    if (sha256() !== file.sha256)
      throw mismatch(
        describe,
        entry,
        `${entry} does not match the manifest (sha256 differs) — ${changed}`,
        'sha256-differs',
      );
    verified.add(entry);
  };
  const check = (entry: string, data: Buffer): Buffer => {
    if (!expected.has(entry) || verified.has(entry)) return data;
    const sha256 = sha256Of(data);
    checkRead(entry, data.length, () => sha256);
    rememberSha256(data, sha256);
    return data;
  };
  const readBytes = async (entry: string) => check(entry, await source.readBytes(entry));
  return {
    describe: source.describe,
    skipped: source.skipped,
    list: () => source.list(),
    info: (entry) => source.info(entry),
    readOrder: source.readOrder ? (paths) => source.readOrder!(paths) : undefined,
    locateZipEntry: source.locateZipEntry ? (entry) => source.locateZipEntry!(entry) : undefined,
    close: () => source.close(),
    manifest,
    checkRead: (entry, size, sha256) => checkRead(entry, size, () => sha256),
    readBytes,
    readText: async (entry) => {
      if (!expected.has(entry) || verified.has(entry)) return source.readText(entry);
      return strictUtf8(describe, entry, await readBytes(entry));
    },
    async verifyRest(signal) {
      const rest = [...expected.keys()].filter((entry) => !verified.has(entry));
      let next = 0;
      const ordered = source.readOrder ? source.readOrder(rest) : rest;
      const worker = async (): Promise<void> => {
        while (next < ordered.length) {
          if (signal?.aborted) throw new FerryError('cancelled', `${describe}: reading was cancelled`);
          await readBytes(ordered[next++]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, ordered.length) }, worker));
    },
  };
}

/** UTF-8 text without a leading BOM; invalid UTF-8 is `malformed-document` naming the entry, as zip reads do. */
function strictUtf8(describe: string, entry: string, bytes: Buffer): string {
  if (!isUtf8(bytes))
    throw new FerryError(
      'malformed-document',
      `${describe}: entry ${JSON.stringify(entry)} is not valid UTF-8 text`,
      { path: describe, entry },
    );
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

function refusal(code: FerryError['code'], message: string, reason: string): FerryError {
  return new FerryError(code, message, { reason });
}

function mismatch(describe: string, entry: string, problem: string, reason: string): FerryError {
  return new FerryError('corrupt-archive', `${describe}: ${problem}`, { path: describe, entry, reason });
}
