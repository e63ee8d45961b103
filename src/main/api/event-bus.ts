import type { EventName, EventPayload } from '../../shared/api/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans backend events out to every transport (IPC windows, SSE clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
