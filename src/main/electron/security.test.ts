import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const appEvents = new EventEmitter();
const openExternal = vi.fn(() => Promise.resolve());
vi.mock('electron', () => ({
  app: { on: (name: string, listener: (...args: unknown[]) => void) => appEvents.on(name, listener) },
  shell: { openExternal },
  session: { defaultSession: undefined },
}));
const { hardenApp, hardenSession } = await import('./security');

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

function preventable() {
  return { preventDefault: vi.fn() };
}

beforeEach(() => openExternal.mockClear());

describe('hardenApp', () => {
  hardenApp(() => {});
  const contents = new FakeContents();
  appEvents.emit('web-contents-created', {}, contents);

  it('denies every navigation and opens only allow-listed https links externally', () => {
    const toRemote = preventable();
    contents.emit('will-navigate', toRemote, 'https://evil.test/');
    expect(toRemote.preventDefault).toHaveBeenCalled();
    const toDocs = preventable();
    contents.emit('will-navigate', toDocs, 'https://help.aliyun.com/');
    expect(toDocs.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://help.aliyun.com/');
  });

  it('denies new windows', () => {
    expect(contents.openHandler!({ url: 'app://ferry/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach webviews and follow redirects', () => {
    const attach = preventable();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const redirect = preventable();
    contents.emit('will-redirect', redirect, 'https://evil.test/');
    expect(redirect.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('denies permission requests and checks, devices, and renderer network requests', () => {
    type Fn = (...args: never[]) => unknown;
    const set: Record<string, Fn> = {};
    const ses = {
      setPermissionRequestHandler: (h: Fn) => (set.request = h),
      setPermissionCheckHandler: (h: Fn) => (set.check = h),
      setDevicePermissionHandler: (h: Fn) => (set.device = h),
      webRequest: { onBeforeRequest: (_filter: unknown, h: Fn) => (set.web = h) },
    };
    hardenSession(ses as never);
    const callback = vi.fn();
    (set.request as (...a: unknown[]) => void)({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect((set.check as () => boolean)()).toBe(false);
    expect((set.device as () => boolean)()).toBe(false);
    const web = set.web as (details: unknown, cb: (r: unknown) => void) => void;
    const fromRenderer = vi.fn();
    web({ webContentsId: 1, url: 'https://evil.test/' }, fromRenderer);
    expect(fromRenderer).toHaveBeenCalledWith({ cancel: true });
    const fromMain = vi.fn();
    web({ url: 'https://example.com/' }, fromMain);
    expect(fromMain).toHaveBeenCalledWith({ cancel: false });
  });
});
