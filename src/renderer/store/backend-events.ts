import type { FerryClient } from '../../shared/api/client';
import type { FerryStore } from './ferry-store';

/**
 * Routes backend events into the store. Called once, at the root of the app; returns the unsubscribe function.
 * Components never subscribe to the backend themselves.
 */
export function bindBackendEvents(client: FerryClient, store: FerryStore): () => void {
  return client.on('job:updated', (job) => store.getState().jobUpdated(job));
}
