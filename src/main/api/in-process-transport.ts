import type { Transport } from '../../shared/api/client';
import type { Backend } from '../app/create-backend';

/** Lets in-process callers (the CLI, tests) use the same typed client as the UI, with no transport between. */
export function inProcessTransport(backend: Pick<Backend, 'dispatch' | 'events'>): Transport {
  return {
    invoke: (method, input) => backend.dispatch(method, input),
    listen: (listener) => backend.events.subscribe(listener),
  };
}
