import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './policy/app-url';

/**
 * The one application window. The webPreferences below are the Electron security checklist; most are already
 * the defaults in Electron 38 and are spelled out so a review (or a future template merge) cannot silently
 * loosen them. The page is always app://ferry/index.html: never file://, never a remote or dev-server URL.
 */
export function createMainWindow(options: { preloadPath: string; allowDevTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Ferry',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.allowDevTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Loads the renderer; rejects when app:// could not serve it (a missing build, most often). */
export function loadRenderer(window: BrowserWindow): Promise<void> {
  return window.loadURL(APP_ENTRY_URL);
}
