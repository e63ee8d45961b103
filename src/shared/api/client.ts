import { FerryError } from '../errors';
import { envelopeSchema } from './envelope';
import {
  events,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract';

/** How a client reaches the backend: Electron IPC through the preload bridge, or HTTP + SSE in web mode. */
export interface Transport {
  /** Sends one call and resolves with the raw envelope `{result}` or `{error}`. */
  invoke(method: MethodName, input: unknown): Promise<unknown>;
  /** Receives every backend event; returns an unsubscribe function. */
  listen(listener: (name: string, payload: unknown) => void): () => void;
}

/** The typed API as the renderer (or a test) uses it. */
export interface FerryClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Builds the typed client over a transport; responses and events are checked against the contract. */
export function createFerryClient(transport: Transport): FerryClient {
  return {
    async call(method, input) {
      const envelope = envelopeSchema.parse(await transport.invoke(method, input));
      if ('error' in envelope) throw FerryError.fromShape(envelope.error);
      return methods[method].output.parse(envelope.result) as MethodOutput<typeof method>;
    },
    on(name, listener) {
      return transport.listen((eventName, payload) => {
        if (eventName !== name) return;
        const parsed = events[name].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof name>);
      });
    },
  };
}
