import { z } from 'zod';
import { errorShapeSchema, type ErrorShape } from '../errors';

/** What every call returns on the wire, whatever the transport: a result or a typed error, never both. */
export type Envelope<T> = { result: T } | { error: ErrorShape };

export const envelopeSchema = z.union([
  z.object({ result: z.unknown() }),
  z.object({ error: errorShapeSchema }),
]);
