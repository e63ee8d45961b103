import { FerryError, toErrorShape, type ErrorShape } from '../../shared/errors';

/**
 * Anything a client call can throw, as the serialisable shape the UI shows. FerryErrors keep their code; a
 * response that broke the contract (a zod error) or a bug becomes `internal` with its message.
 */
export function asErrorShape(error: unknown): ErrorShape {
  return toErrorShape(error);
}

export function asFerryError(error: unknown): FerryError {
  return error instanceof FerryError ? error : FerryError.fromShape(toErrorShape(error));
}
