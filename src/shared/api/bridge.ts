import type { MethodName } from './contract';

/** What the preload script exposes as `window.ferry` (desktop). Deliberately tiny: no raw ipcRenderer. */
export interface FerryBridge {
  invoke(method: MethodName, input: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** IPC channel names used by the preload bridge and the main-side registration. */
export const ipcChannels = {
  invoke: 'ferry:invoke',
  event: 'ferry:event',
} as const;

/**
 * The web transport's routes (browser mode). The session token travels in the `x-ferry-token` header, or as
 * `?token=` for EventSource, which cannot set headers.
 */
export const webRoutes = {
  call: (method: MethodName) => `/api/call/${encodeURIComponent(method)}`,
  callPrefix: '/api/call/',
  events: '/api/events',
  upload: '/api/upload',
  tokenHeader: 'x-ferry-token',
} as const;
