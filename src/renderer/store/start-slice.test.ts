import { describe, expect, it } from 'vitest';
import { flush, setupStore } from '../test/fake-transport';

const samples = [
  {
    id: 'dev' as const,
    name: 'Retail (dev)',
    path: '/app/resources/samples/dev',
    projectIdentifier: 'retail_dev',
  },
  {
    id: 'prod' as const,
    name: 'Retail (prod)',
    path: '/app/resources/samples/prod',
    projectIdentifier: 'retail_prod',
  },
];

describe('start slice', () => {
  it('"Try the samples" opens the dev sample in the Export step, ready for a custom export', async () => {
    const { store, transport } = setupStore({
      'samples:list': () => samples,
      'inspect:start': () => ({ jobId: 'catalog-1' }),
    });
    await store.getState().trySamples();
    await flush();
    expect(store.getState().screen).toBe('export');
    expect(store.getState().exportFlow).toMatchObject({
      workspacePath: '/app/resources/samples/dev',
      workspaceLabel: 'Retail (dev)',
      type: 'custom',
    });
    expect(transport.callsOf('inspect:start')).toEqual([{ path: '/app/resources/samples/dev' }]);
  });

  it('says so when the samples are not installed', async () => {
    const { store } = setupStore({ 'samples:list': () => [] });
    await store.getState().trySamples();
    expect(store.getState().screen).toBe('start');
    expect(store.getState().samples.error?.message).toMatch(/not installed/);
  });

  it('opens a workspace folder straight into Inspect, or into Export', async () => {
    const { store, transport } = setupStore({ 'inspect:start': () => ({ jobId: 'j' }) });
    store.getState().openWorkspace('/ws/dev/');
    expect(store.getState().screen).toBe('inspect');
    expect(store.getState().inspect.source).toEqual({ path: '/ws/dev/', label: 'dev' });
    store.getState().exportFromWorkspace('/ws/other');
    await flush();
    expect(store.getState().screen).toBe('export');
    expect(store.getState().exportFlow.type).toBe('full');
    expect(transport.callsOf('export:preview')).toEqual([{ workspacePath: '/ws/other', type: 'full' }]);
  });
});
