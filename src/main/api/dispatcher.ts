import { methods, isMethodName, type MethodName, type MethodOutput, type MethodParsedInput } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { toErrorShape, type ErrorShape } from '../../shared/errors';

/** One handler per contract method; the input is already validated. */
export type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>> };

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The one wrapper in front of every handler: unknown method and bad payloads become typed errors, thrown
 * errors become `{error}` envelopes, and the output is checked against the contract so a handler cannot leak
 * fields the contract does not declare. Transports check the caller before calling this.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void = () => {}): Dispatch {
  return async (name, input) => {
    if (!isMethodName(name)) return { error: { code: 'bad-request', message: `Unknown method '${name}'.` } };
    const spec = methods[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { error: badInput(name, parsed.error.issues) };
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return { result: spec.output.parse(await handler(parsed.data)) };
    } catch (error) {
      const shape = toErrorShape(error);
      if (shape.code === 'internal') log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : shape.message}`);
      return { error: shape };
    }
  };
}

function badInput(name: string, issues: { path: PropertyKey[]; message: string }[]): ErrorShape {
  const detail = issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
  return { code: 'bad-request', message: `Invalid input for ${name}: ${detail}` };
}
