import { describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/api/bridge';
import { EventBus } from '../api/event-bus';
import type { Dispatch } from '../api/dispatcher';

// Electron cannot run here, so ipcMain is a stand-in that records the handler; the real objects would be
// WebContents and WebFrameMain, of which only the fields the transport reads are faked.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerIpcTransport } = await import('./electron-ipc');

let nextId = 1;
function fakeContents() {
  return { id: nextId++, isDestroyed: () => false, send: vi.fn() };
}

function setup() {
  const ours = fakeContents();
  const events = new EventBus();
  const dispatch = vi.fn<Dispatch>(() => Promise.resolve({ result: 'dispatched' }));
  const stop = registerIpcTransport({
    dispatch,
    events,
    windows: () => [ours] as never,
    log: () => {},
  });
  const call = (sender: unknown, frame: unknown, method: unknown = 'app:info', input: unknown = {}) =>
    handlers.get(ipcChannels.invoke)!({ sender, senderFrame: frame }, method, input);
  return { ours, events, dispatch, stop, call };
}

const topFrame = (url: string) => ({ url, parent: null });

describe('registerIpcTransport', () => {
  it('dispatches calls from our window on app://ferry/', async () => {
    const { ours, dispatch, call } = setup();
    await expect(call(ours, topFrame('app://ferry/index.html'), 'app:info', { a: 1 })).resolves.toEqual({
      result: 'dispatched',
    });
    expect(dispatch).toHaveBeenCalledWith('app:info', { a: 1 });
  });

  it('refuses other pages, sub-frames, vanished frames and other webContents with unauthorized', async () => {
    const { ours, dispatch, call } = setup();
    const refused = [
      call(ours, topFrame('file:///tmp/index.html')),
      call(ours, topFrame('http://127.0.0.1:5173/')),
      call(ours, topFrame('app://other/index.html')),
      call(ours, { url: 'app://ferry/index.html', parent: topFrame('app://ferry/index.html') }),
      call(ours, null),
      call(fakeContents(), topFrame('app://ferry/index.html')),
    ];
    for (const envelope of await Promise.all(refused)) {
      expect(envelope).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('rejects a non-string method name before dispatch', async () => {
    const { ours, dispatch, call } = setup();
    await expect(call(ours, topFrame('app://ferry/index.html'), { toString: 1 })).resolves.toMatchObject({
      error: { code: 'bad-request' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards backend events to our windows and stops when disposed', () => {
    const { ours, events, stop } = setup();
    const job = { id: 'j1' } as never;
    events.emit('job:updated', job);
    expect(ours.send).toHaveBeenCalledWith(ipcChannels.event, 'job:updated', job);
    stop();
    events.emit('job:updated', job);
    expect(ours.send).toHaveBeenCalledTimes(1);
    expect(handlers.has(ipcChannels.invoke)).toBe(false);
  });
});
