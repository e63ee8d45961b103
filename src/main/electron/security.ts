import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './policy/external-url';

/**
 * App-wide hardening, installed once before any window exists. Every webContents (our window, DevTools, anything
 * a bug might create) gets: no navigation, no new windows, no <webview>. Links to allow-listed https hosts go to
 * the system browser instead; everything else is dropped and logged.
 */
export function hardenApp(log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

/** Denies every permission (camera, notifications, geolocation, HID, serial, USB, ...) and remote requests. */
export function hardenSession(
  ses: Session = session.defaultSession,
  log: (line: string) => void = () => {},
): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces behind the CSP: a renderer never talks to the network. Requests made by main itself (no
  // webContents) are left alone; the backend uses Node's http stack, not this session, anyway. Electron throws
  // on a filter it cannot parse; that must not stop the app from starting, since the CSP is the real guard.
  try {
    ses.webRequest.onBeforeRequest(
      { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
      (details, callback) => {
        callback({ cancel: details.webContentsId !== undefined });
      },
    );
  } catch (error) {
    log(`could not install the network filter: ${String(error)}`);
  }
}

function hardenWebContents(contents: WebContents, log: (line: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfAllowed(url, log);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log(`refused redirect to ${url}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('refused to attach a <webview>');
  });
}

/** The only call to shell.openExternal in the app. */
export function openExternalIfAllowed(url: string, log: (line: string) => void): void {
  if (!isAllowedExternalUrl(url)) {
    log(`refused to open ${url.slice(0, 200)}`);
    return;
  }
  shell.openExternal(url).catch((error: unknown) => log(`openExternal failed for ${url}: ${String(error)}`));
}
