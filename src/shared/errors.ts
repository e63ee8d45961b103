import { z } from 'zod';

/**
 * Every error that crosses a process boundary is one of these codes. Codes are stable (the UI and scripts
 * branch on them); messages are for people and name the file or entry and what is wrong.
 */
export const errorCodes = [
  'bad-request',
  'unauthorized',
  'not-found',
  'not-a-file',
  'not-a-zip',
  'corrupt-archive',
  'unsafe-archive',
  'malformed-document',
  'unsupported',
  'conflict',
  'cancelled',
  'io',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorShapeSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The serialisable form of a {@link FerryError}. */
export type ErrorShape = z.infer<typeof errorShapeSchema>;

/** An expected failure with a code a caller can act on. Anything else thrown is reported as `internal`. */
export class FerryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FerryError';
  }

  toShape(): ErrorShape {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromShape(shape: ErrorShape): FerryError {
    return new FerryError(shape.code, shape.message, shape.details);
  }
}

/** Turns anything thrown into a shape that is safe to send: unexpected errors keep only their message. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof FerryError) return error.toShape();
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
