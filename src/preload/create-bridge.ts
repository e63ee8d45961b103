import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { ipcChannels, type FerryBridge } from '../shared/api/bridge';
import { isMethodName } from '../shared/api/contract';

/** The slice of ipcRenderer the bridge needs; never handed to the page itself. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds `window.ferry`. `invoke` sends only method names the contract declares; anything else is answered
 * here with a `bad-request` envelope (the same shape main would return, so the client throws a FerryError)
 * without touching IPC. `onEvent` hides the IpcRendererEvent (it carries `sender`, i.e. ipcRenderer) and
 * returns an unsubscribe function. Main still checks the sender and validates every input.
 */
export function createBridge(ipc: BridgeIpc): FerryBridge {
  return Object.freeze({
    invoke(method: string, input: unknown): Promise<unknown> {
      if (typeof method !== 'string' || !isMethodName(method)) {
        return Promise.resolve({
          error: { code: 'bad-request', message: `Unknown method '${String(method)}'.` },
        });
      }
      return ipc.invoke(ipcChannels.invoke, method, input);
    },
    onEvent(listener: (name: string, payload: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a listener function.');
      const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipc.on(ipcChannels.event, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(ipcChannels.event, forward);
      };
    },
  });
}
