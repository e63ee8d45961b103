import { expect } from 'vitest';
import { FerryError } from '../../shared/errors';

/** The FerryError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<FerryError> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}
