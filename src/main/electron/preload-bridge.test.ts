// Tests for src/preload live here because the vitest projects only collect src/main and src/shared, and the
// bridge is pure apart from the ipcRenderer it is given.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/api/bridge';
import type { MethodName } from '../../shared/api/contract';
import { createBridge, type BridgeIpc } from '../../preload/create-bridge';

function fakeIpc() {
  const emitter = new EventEmitter();
  const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ result: 'ok' }));
  const ipc = {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
  } as unknown as BridgeIpc;
  return { ipc, invoke, emitter };
}

describe('createBridge', () => {
  it('forwards contract methods on the invoke channel', async () => {
    const { ipc, invoke } = fakeIpc();
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('app:info', {})).resolves.toEqual({ result: 'ok' });
    expect(invoke).toHaveBeenCalledWith(ipcChannels.invoke, 'app:info', {});
  });

  it('answers unknown methods itself with a bad-request envelope', async () => {
    const { ipc, invoke } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const name of ['shell:exec', '__proto__', 'toString', 42]) {
      await expect(bridge.invoke(name as MethodName, {})).resolves.toMatchObject({
        error: { code: 'bad-request' },
      });
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  it('delivers events without the IpcRendererEvent and unsubscribes', () => {
    const { ipc, emitter } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args) => seen.push(args));
    const fakeEvent = { sender: 'ipcRenderer itself' };
    emitter.emit(ipcChannels.event, fakeEvent, 'job:updated', { id: 'j1' });
    emitter.emit(ipcChannels.event, fakeEvent, 7, {}); // not a name: dropped
    expect(seen).toEqual([['job:updated', { id: 'j1' }]]);
    off();
    off();
    emitter.emit(ipcChannels.event, fakeEvent, 'job:updated', { id: 'j2' });
    expect(seen).toHaveLength(1);
    expect(emitter.listenerCount(ipcChannels.event)).toBe(0);
  });

  it('exposes exactly invoke and onEvent, frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
