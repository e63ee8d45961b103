import type { FerryBridge } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';

/** Desktop transport: the preload's `window.ferry` already speaks envelopes; this only adapts the names. */
export function createBridgeTransport(bridge: FerryBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input),
    listen: (listener) => bridge.onEvent(listener),
  };
}

/** True when `value` looks like the bridge the preload exposes (and not, say, a stray global). */
export function isFerryBridge(value: unknown): value is FerryBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof FerryBridge, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.onEvent === 'function';
}
