import { promises as fs } from 'node:fs';
import { FerryError } from '../../../shared/errors';

/**
 * Quotes an entry name for a one-line message. Only control characters are escaped (as `\xNN`): JSON-style
 * quoting would double every backslash and show users a name they cannot find in their archive tool.
 */
export function quoteName(name: string): string {
  const shown = name.length > 160 ? `${name.slice(0, 80)}…${name.slice(-60)}` : name;
  return `"${shown.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Builds a FerryError whose message is `<file>: entry "<name>" <problem>` (or `<file>: <problem>`). */
export function zipError(code: FerryError['code'], filePath: string, problem: string, entryName?: string): FerryError {
  const text = entryName === undefined ? `${filePath}: ${problem}` : `${filePath}: entry ${quoteName(entryName)} ${problem}`;
  return new FerryError(code, text.replace(/\r?\n/g, ' '), entryName === undefined ? { path: filePath } : { path: filePath, entry: entryName });
}

/**
 * Checks that `filePath` names a regular file before any zip parsing, so "missing" and "is a folder" get their
 * own codes instead of surfacing as a zip error. Returns the file size.
 */
export async function statPackageFile(filePath: string): Promise<number> {
  let stats;
  try {
    stats = await fs.stat(filePath);
  } catch (error) {
    throw fromFsError(filePath, error);
  }
  if (stats.isDirectory()) throw zipError('not-a-file', filePath, 'is a directory, not a package file');
  if (!stats.isFile()) throw zipError('not-a-file', filePath, 'is not a regular file (device, socket or pipe), not a package file');
  return stats.size;
}

/** Maps a Node fs error to a FerryError naming the file. */
export function fromFsError(filePath: string, error: unknown): FerryError {
  if (error instanceof FerryError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return zipError('not-found', filePath, 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return zipError('io', filePath, 'permission denied while reading the file');
  if (code === 'EISDIR') return zipError('not-a-file', filePath, 'is a directory, not a package file');
  const message = error instanceof Error ? error.message : String(error);
  return zipError('io', filePath, `cannot read the file (${message})`);
}

/**
 * Maps an error raised by yauzl to a code. yauzl reports everything as plain `Error` with an English message, so
 * this matches on the message prefixes of yauzl 3.4 (see node_modules/yauzl/index.js); anything unrecognised is
 * reported as a corrupt archive rather than leaking as `internal`, because every yauzl error is about the bytes.
 * `looksLikeZip` is whether the file starts with a zip signature: without an end record, that separates a
 * truncated zip from a file that never was one.
 */
export function fromYauzlError(filePath: string, error: unknown, looksLikeZip: boolean): FerryError {
  if (error instanceof FerryError) return error;
  if ((error as NodeJS.ErrnoException | undefined)?.code) return fromFsError(filePath, error);
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('End of central directory record signature not found')) {
    return looksLikeZip
      ? zipError('corrupt-archive', filePath, 'truncated or corrupt zip (end of central directory not found)')
      : zipError('not-a-zip', filePath, 'not a zip archive (no zip signature; is this the right file?)');
  }
  if (message.startsWith('Invalid comment length')) {
    return zipError('corrupt-archive', filePath, 'truncated or corrupt zip (end of central directory record is damaged or followed by extra bytes)');
  }
  if (message.startsWith('multi-disk')) {
    return zipError('unsupported', filePath, 'is one part of a split (multi-disk) zip; join the parts into one archive first');
  }
  if (message.startsWith('strong encryption')) {
    return zipError('unsafe-archive', filePath, 'contains encrypted entries (strong encryption); packages must not be encrypted');
  }
  if (message === 'unexpected EOF' || message.startsWith('invalid central directory file header signature')) {
    return zipError('corrupt-archive', filePath, 'truncated or corrupt zip (central directory is incomplete)');
  }
  return zipError('corrupt-archive', filePath, `corrupt zip (${message})`);
}
