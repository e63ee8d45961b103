import { createFerryClient, type FerryClient } from '../../shared/api/client';
import { createBridgeTransport, isFerryBridge } from './bridge-transport';
import { takeSessionToken } from './session-token';
import { createWebTransport, createWebUploader, type Uploader } from './web-transport';

/** The renderer's one way to the backend: the typed client, plus the browser-only upload route. */
export interface FerryConnection {
  client: FerryClient;
  transport: 'ipc' | 'web';
  /** Null in desktop mode, where files are picked by path with the native dialog instead. */
  upload: Uploader | null;
}

/** Uses `window.ferry` when the Electron preload provided it, else the local web server of browser mode. */
export function connect(win: Window = window): FerryConnection {
  const bridge: unknown = (win as Window & { ferry?: unknown }).ferry;
  if (isFerryBridge(bridge)) {
    return { client: createFerryClient(createBridgeTransport(bridge)), transport: 'ipc', upload: null };
  }
  const token = takeSessionToken();
  return {
    client: createFerryClient(createWebTransport({ token })),
    transport: 'web',
    upload: createWebUploader({ token }),
  };
}
