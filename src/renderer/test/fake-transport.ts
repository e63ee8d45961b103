import type { Transport } from '../../shared/api/client';
import { createFerryClient } from '../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { FerryError, toErrorShape } from '../../shared/errors';
import type { Job } from '../../shared/model/job';
import type { Uploader } from '../api/web-transport';
import { createFerryStore } from '../store/ferry-store';
import { bindBackendEvents } from '../store/backend-events';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

/**
 * A test double for the Transport interface: answers calls from handlers (a thrown FerryError becomes an error
 * envelope, as on the wire) and lets the test push backend events.
 */
export class FakeTransport implements Transport {
  readonly calls: { method: MethodName; input: unknown }[] = [];
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();

  constructor(public handlers: Handlers = {}) {}

  async invoke(method: MethodName, input: unknown): Promise<unknown> {
    this.calls.push({ method, input });
    const handler = this.handlers[method] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { error: { code: 'internal', message: `No fake handler for ${method}.` } };
    try {
      return { result: await handler(input) };
    } catch (error) {
      return { error: toErrorShape(error) };
    }
  }

  listen(listener: (name: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(name: string, payload: unknown): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }
}

/** A store wired like the app's: real client over the fake transport, events bound at the "root". */
export function setupStore(handlers: Handlers = {}, upload: Uploader | null = null) {
  const transport = new FakeTransport(handlers);
  const client = createFerryClient(transport);
  const store = createFerryStore({ client, upload });
  const unbind = bindBackendEvents(client, store);
  return { transport, client, store, unbind };
}

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: 'job-1',
    kind: 'package:open',
    title: 'export.zip',
    state: 'running',
    progress: { done: 0, total: null },
    step: 'Reading the central directory',
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

export const samplePackage = {
  id: 'job-1',
  path: '/data/export.zip',
  fileName: 'export.zip',
  size: 1536,
  sha256: 'a'.repeat(64),
  entryCount: 6,
  openedAt: '2025-01-01T10:00:01.000Z',
};

/** Lets pending promise callbacks (fake transport answers, store continuations) run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export { FerryError };
