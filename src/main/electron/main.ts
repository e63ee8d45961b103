import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { createBackend, type Backend } from '../app/create-backend';
import { registerAppSchemePrivileges, serveAppProtocol } from './app-protocol';
import { createDesktopCredentialVault } from './credentials';
import { registerIpcTransport } from './electron-ipc';
import { createFileLog } from './file-log';
import { createPackagePicker } from './package-dialog';
import { hardenApp, hardenSession } from './security';
import { createMainWindow, loadRenderer } from './window';

// Both must happen before 'ready': sandbox every renderer whatever its webPreferences say, and give app:// its
// privileges (standard, secure) so it has an origin the CSP's 'self' can name.
app.enableSandbox();
registerAppSchemePrivileges();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // A second copy would open the same history database; hand over to the first one (see 'second-instance').
  app.quit();
}

function start(): void {
  const log = createFileLog(app.getPath('logs'));
  const appDir = app.getAppPath(); // the folder (or app.asar) holding package.json and dist/
  const rendererDir = path.join(appDir, 'dist', 'renderer');
  const preloadPath = path.join(appDir, 'dist', 'preload', 'index.cjs');
  const windows = new Set<BrowserWindow>();
  let backend: Backend | null = null;
  let stopIpc: () => void = () => {};

  hardenApp(log);

  const focusedOrFirst = (): BrowserWindow | null =>
    BrowserWindow.getFocusedWindow() ?? [...windows][0] ?? null;

  function openWindow(): void {
    const window = createMainWindow({ preloadPath, allowDevTools: !app.isPackaged });
    windows.add(window);
    window.on('closed', () => windows.delete(window));
    loadRenderer(window).catch((error: unknown) =>
      log(`could not load the renderer from ${rendererDir}: ${String(error)}`),
    );
  }

  app.on('second-instance', () => {
    const window = focusedOrFirst();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // macOS keeps apps alive without windows and reopens one from the dock ('activate').
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.size === 0) openWindow();
  });

  // Let running jobs cancel and SQLite close cleanly before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (!backend) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopIpc();
    const closingBackend = backend;
    closingBackend
      .close()
      .catch((error: unknown) => log(`backend close failed: ${String(error)}`))
      .finally(() => {
        backend = null;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, log);
      serveAppProtocol(rendererDir, log);
      backend = createBackend({
        userDataDir: app.getPath('userData'),
        mode: 'desktop',
        version: app.getVersion(),
        pickPackageFile: createPackagePicker(focusedOrFirst),
        // After whenReady: on Linux safeStorage reports unavailable before it.
        credentialVault: createDesktopCredentialVault(),
        log,
      });
      stopIpc = registerIpcTransport({
        dispatch: backend.dispatch,
        events: backend.events,
        windows: () => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
        log,
      });
      openWindow();
    })
    .catch((error: unknown) => {
      log(`startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      app.exit(1);
    });
}
