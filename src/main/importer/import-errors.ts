import { FerryError } from '../../shared/errors';

/** File-system errors that stop the whole run: every later write would fail the same way. */
const fatalErrnos = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'EIO',
  'EMFILE',
  'ENFILE',
  'EBUSY',
]);

/** True when an error must stop the run rather than fail one object. */
export function isFatal(error: unknown): boolean {
  if (error instanceof FerryError) return error.code === 'cancelled' || error.code === 'io';
  if (error instanceof Error && error.name === 'AbortError') return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && fatalErrnos.has(code);
}

/** One clear line for a failed write into the destination. */
export function writeError(error: unknown, destination: string, relative: string): FerryError {
  if (error instanceof FerryError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${destination}/${relative}`;
  const details = { file: where, errno: code ?? null };
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new FerryError(
      'io',
      `The disk holding ${destination} is full (${code}) while writing ${relative}; free some space and import again.`,
      details,
    );
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new FerryError(
      'io',
      `The destination ${destination} is read-only (${code}) at ${relative}; make it writable and import again.`,
      details,
    );
  if (code !== undefined && fatalErrnos.has(code))
    return new FerryError(
      'io',
      `Cannot write ${where} (${code}); import again when the cause is fixed.`,
      details,
    );
  const message = error instanceof Error ? error.message : String(error);
  return new FerryError('internal', `${relative}: ${message}`, details);
}

/** The message and code of anything thrown, for the journal and the report. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof FerryError) return { code: error.code, message: error.message };
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  return { code: errno ?? 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** An error described on another thread ({@link describeError}, or an errno code that may be missing), as an Error again. */
export function errorFromDescription(described: { code: string | null; message: string }): Error {
  return Object.assign(new Error(described.message), described.code === null ? {} : { code: described.code });
}
