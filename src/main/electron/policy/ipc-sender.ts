import { APP_HOST, APP_SCHEME } from './app-url';

/**
 * True when an IPC call comes from a page we served: an `app://ferry/...` URL with no credentials or port.
 * file://, http(s)://, devtools://, about:blank, data: and other app hosts are refused. The Electron side adds
 * the checks that need live objects (the frame is the top frame of one of our windows); see electron-ipc.ts.
 */
export function isTrustedSenderUrl(senderUrl: unknown): boolean {
  if (typeof senderUrl !== 'string' || senderUrl === '') return false;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
