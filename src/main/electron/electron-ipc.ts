// architecture.md places this in src/main/transports/electron-ipc.ts, but the ESLint boundary rule allows
// 'electron' only in src/main/electron and src/preload, and the boundary wins: the IPC transport lives here.
// Its pure part (the sender URL rule) is policy/ipc-sender.ts, tested under plain Node.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels } from '../../shared/api/bridge';
import type { Envelope } from '../../shared/api/envelope';
import type { Dispatch } from '../api/dispatcher';
import type { EventBus } from '../api/event-bus';
import { isTrustedSenderUrl } from './policy/ipc-sender';

export interface IpcTransportOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The webContents of our windows (not destroyed); events go to these, calls are accepted only from these. */
  windows: () => WebContents[];
  log: (line: string) => void;
}

/**
 * Registers the one IPC handler (`ferry:invoke`) and forwards backend events on `ferry:event`. Each call is
 * checked before it reaches the dispatcher: it must come from the top frame of one of our windows, and that
 * frame must be showing an app://ferry/ page. Anything else gets an `unauthorized` envelope. Input validation
 * is the dispatcher's job. Returns a function that undoes both registrations.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { dispatch, events, windows, log } = options;

  ipcMain.handle(
    ipcChannels.invoke,
    async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
      const refusal = checkSender(event, windows());
      if (refusal) {
        log(`IPC call refused: ${refusal}`);
        return { error: { code: 'unauthorized', message: 'This frame may not call the Ferry API.' } };
      }
      if (typeof method !== 'string')
        return { error: { code: 'bad-request', message: 'The method name must be a string.' } };
      return dispatch(method, input);
    },
  );

  const unsubscribe = events.subscribe((name, payload) => {
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event, name, payload);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.invoke);
  };
}

/** Why a call is refused, or null when the caller is our window's top frame on an app://ferry/ page. */
function checkSender(event: IpcMainInvokeEvent, ours: WebContents[]): string | null {
  if (!ours.some((contents) => contents.id === event.sender.id)) return 'not one of our windows';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return `a sub-frame (${frame.url})`;
  if (!isTrustedSenderUrl(frame.url)) return `untrusted origin ${frame.url}`;
  return null;
}
