import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// main.ts runs on import, so each test builds a fresh fake 'electron' and a fake backend, then imports it.
interface Fakes {
  app: EventEmitter & { enableSandbox: ReturnType<typeof vi.fn>; getPath: (name: string) => string };
  windows: FakeWindow[];
  backendClose: ReturnType<typeof vi.fn>;
  createBackend: ReturnType<typeof vi.fn>;
  quit: ReturnType<typeof vi.fn>;
  ready: () => Promise<void>;
}

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  webContents = Object.assign(new EventEmitter(), { send: vi.fn(), isDestroyed: () => false });
  loadURL = vi.fn(() => Promise.resolve());
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    FakeWindow.created.push(this);
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  focus = vi.fn();
  show = vi.fn();
}

const bases: string[] = [];
afterAll(() => {
  for (const base of bases) rmSync(base, { recursive: true, force: true });
});

async function boot(options: { lock?: boolean; platform?: NodeJS.Platform } = {}): Promise<Fakes> {
  vi.resetModules();
  FakeWindow.created = [];
  const base = mkdtempSync(path.join(tmpdir(), 'ferry-main-'));
  bases.push(base);
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const quit = vi.fn();
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => options.lock ?? true,
    quit,
    exit: vi.fn(),
    isReady: () => true,
    isPackaged: true,
    getAppPath: () => '/opt/ferry/resources/app.asar',
    getPath: (name: string) => path.join(base, name),
    getVersion: () => '1.2.3',
    whenReady: () => readyPromise,
  });
  const backendClose = vi.fn(() => Promise.resolve());
  const createBackend = vi.fn(() => ({
    dispatch: vi.fn(),
    events: { subscribe: () => () => {} },
    close: backendClose,
  }));
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  vi.doMock('electron', () => ({
    app,
    BrowserWindow: Object.assign(FakeWindow, { getFocusedWindow: () => null }),
    session: { defaultSession: session },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    shell: { openExternal: vi.fn() },
    dialog: { showOpenDialog: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: vi.fn(),
      decryptString: vi.fn(),
    },
  }));
  vi.doMock('../app/create-backend', () => ({ createBackend }));
  vi.spyOn(process, 'platform', 'get').mockReturnValue(options.platform ?? 'linux');
  await import('./main');
  const ready = async () => {
    resolveReady();
    await readyPromise;
    await new Promise((r) => setImmediate(r));
  };
  return { app, windows: FakeWindow.created, backendClose, createBackend, quit, ready };
}

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('electron main', () => {
  it('quits at once when another instance holds the lock', async () => {
    const f = await boot({ lock: false });
    expect(f.quit).toHaveBeenCalled();
    await f.ready();
    expect(f.createBackend).not.toHaveBeenCalled();
    expect(f.windows).toHaveLength(0);
  });

  it('creates the backend in userData and a sandboxed, isolated window on app://ferry', async () => {
    const f = await boot();
    expect(f.app.enableSandbox).toHaveBeenCalled();
    await f.ready();
    expect(f.createBackend).toHaveBeenCalledWith(
      expect.objectContaining({
        mode: 'desktop',
        version: '1.2.3',
        userDataDir: f.app.getPath('userData'),
      }),
    );
    const options = f.createBackend.mock.calls[0][0] as { credentialVault?: { isAvailable(): boolean } };
    expect(options.credentialVault?.isAvailable()).toBe(true);
    expect(f.windows).toHaveLength(1);
    const prefs = f.windows[0].options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: path.join('/opt/ferry/resources/app.asar', 'dist', 'preload', 'index.cjs'),
    });
    expect(f.windows[0].loadURL).toHaveBeenCalledWith('app://ferry/index.html');
  });

  it('quits when the last window closes except on macOS', async () => {
    const linux = await boot({ platform: 'linux' });
    linux.app.emit('window-all-closed');
    expect(linux.quit).toHaveBeenCalled();
    const mac = await boot({ platform: 'darwin' });
    mac.app.emit('window-all-closed');
    expect(mac.quit).not.toHaveBeenCalled();
  });

  it('closes the backend before the process quits', async () => {
    const f = await boot();
    await f.ready();
    const event = { preventDefault: vi.fn() };
    f.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(f.backendClose).toHaveBeenCalledTimes(1);
    await new Promise((r) => setImmediate(r));
    expect(f.quit).toHaveBeenCalled();
    const second = { preventDefault: vi.fn() };
    f.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
