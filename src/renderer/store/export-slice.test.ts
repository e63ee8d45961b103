import { describe, expect, it } from 'vitest';
import type { ExportItem, ExportPreview, ExportResult } from '../../shared/model/export';
import { flush, makeJob, setupStore } from '../test/fake-transport';
import { makeRows, makeSummary, objectsHandler } from '../test/inspection-fixtures';
import { webInfo } from '../test/render';
import { outPathOf, scopeOf } from './export-slice';

const rows = makeRows(12_000);
const item = (id: string, reason: ExportItem['reason']): ExportItem => ({
  id,
  kind: 'node',
  name: `n${id}`,
  folderPath: 'f',
  nodeType: 'ODPS_SQL',
  entry: `f/${id}.json`,
  change: 'new',
  reason,
});
const counts = {
  byKind: {},
  objects: 0,
  files: 0,
  otherFiles: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  deleted: 0,
};
const preview = (items: ExportItem[]): ExportPreview => ({
  type: 'custom',
  projectIdentifier: 'retail_dev',
  basis: { kind: 'none' },
  items,
  counts: { ...counts, objects: items.length, new: items.length },
  notes: [],
});
const result: ExportResult = {
  path: '/home/me/.ferry/dev-1.zip',
  size: 3000,
  sha256: 'a'.repeat(64),
  type: 'custom',
  projectIdentifier: 'retail_dev',
  basis: { kind: 'none' },
  counts: { ...counts, objects: 3 },
  added: [],
  changed: [],
  deleted: [],
  notes: [],
  packageRecordId: 1,
  baselineId: 1,
};

function exportStore() {
  const setup = setupStore({
    'inspect:start': () => ({ jobId: 'catalog-1' }),
    'inspect:summary': () => makeSummary(rows),
    'inspect:objects': objectsHandler(rows),
    'export:preview': (scope) => {
      const ids = scope.select?.ids ?? [];
      const deps = scope.withDeps === 'up' ? ids.map((id) => item(`${id}-up`, 'upstream')) : [];
      return preview([...ids.map((id) => item(id, 'selected')), ...deps]);
    },
    'export:start': () => ({ jobId: 'export-1' }),
    'export:result': () => result,
    'history:packages': () => [],
    'inspect:object': () => {
      throw new Error('not needed');
    },
  });
  setup.store.setState({ info: webInfo });
  return setup;
}

async function onWorkspace() {
  const setup = exportStore();
  setup.store.getState().chooseWorkspace('/ws/dev', 'Retail (dev)', 'custom');
  await flush();
  setup.transport.emit('job:updated', makeJob({ id: 'catalog-1', kind: 'inspect', state: 'succeeded' }));
  await flush();
  return setup;
}

describe('export slice', () => {
  it('describes the scope of each kind of export', () => {
    const { store } = exportStore();
    const flow = { ...store.getState().exportFlow, workspacePath: '/ws' };
    expect(scopeOf({ ...flow, type: 'full' })).toEqual({ workspacePath: '/ws', type: 'full' });
    expect(scopeOf({ ...flow, type: 'incremental', incremental: 'last' })).toEqual({
      workspacePath: '/ws',
      type: 'incremental',
    });
    expect(scopeOf({ ...flow, type: 'incremental', incremental: 'date', since: '' })).toBeNull();
    expect(scopeOf({ ...flow, type: 'incremental', incremental: 'date', since: '2025-01-31' })).toMatchObject(
      { since: '2025-01-31' },
    );
    expect(scopeOf({ ...flow, type: 'custom', selected: [] })).toBeNull();
    expect(scopeOf({ ...flow, type: 'custom', selected: ['1'], withDeps: 'both' })).toEqual({
      workspacePath: '/ws',
      type: 'custom',
      select: { ids: ['1'] },
      withDeps: 'both',
    });
    expect(outPathOf({ ...flow, packageName: 'my pkg.zip', outputFolder: '/out/' })).toBe('/out/my-pkg.zip');
    expect(outPathOf({ ...flow, packageName: 'p', outputFolder: 'C:\\out' })).toBe('C:\\out\\p.zip');
    expect(outPathOf({ ...flow, packageName: '', outputFolder: '/out' })).toBeNull();
  });

  it('reads the workspace as the list to pick from and defaults the package into the user data folder', async () => {
    const { store, transport } = await onWorkspace();
    const flow = store.getState().exportFlow;
    expect(transport.callsOf('inspect:start')).toEqual([{ path: '/ws/dev' }]);
    expect(flow.catalog.objects.total).toBe(12_002);
    expect(flow.outputFolder).toBe(webInfo.userDataDir);
    expect(flow.packageName).toMatch(/^dev-\d{8}-\d{6}$/);
    expect(flow.preview.status).toBe('idle'); // nothing picked yet: no preview call
    expect(transport.callsOf('export:preview')).toEqual([]);
  });

  it('previews the queue as objects are picked, with the dependencies asked for', async () => {
    const { store, transport } = await onWorkspace();
    store.getState().toggleSelected('1003');
    store.getState().setWithDeps('up');
    await flush();
    expect(transport.callsOf('export:preview').at(-1)).toEqual({
      workspacePath: '/ws/dev',
      type: 'custom',
      select: { ids: ['1003'] },
      withDeps: 'up',
    });
    expect(store.getState().exportFlow.preview.data?.items.map((i) => [i.id, i.reason])).toEqual([
      ['1003', 'selected'],
      ['1003-up', 'upstream'],
    ]);
    store.getState().removeSelected('1003');
    await flush();
    expect(store.getState().exportFlow.preview.status).toBe('idle');
  });

  it('select all takes every object matching the filters, a batch at a time', async () => {
    const { store, transport } = await onWorkspace();
    await store.getState().selectAllMatching();
    expect(store.getState().exportFlow.selected).toHaveLength(12_002);
    const batches = transport
      .callsOf('inspect:objects')
      .filter((c) => (c as { limit: number }).limit === 5000);
    expect(batches).toHaveLength(3);
    store.getState().clearSelected();
    store.getState().setCatalogFilters({ workflowId: 'wf:b' });
    await flush();
    await store.getState().selectAllMatching();
    expect(store.getState().exportFlow.selected).toHaveLength(6000);
  });

  it('writes the package, follows the job, then shows the result, refreshes history and inspects it', async () => {
    const { store, transport } = await onWorkspace();
    store.getState().toggleSelected('1003');
    store.getState().setPackageName('pick');
    await flush();
    const written = store.getState().writePackage();
    expect(store.getState().exportFlow.write.status).toBe('starting');
    await written;
    expect(transport.callsOf('export:start')).toEqual([
      {
        workspacePath: '/ws/dev',
        type: 'custom',
        select: { ids: ['1003'] },
        outPath: `${webInfo.userDataDir}/pick.zip`,
        overwrite: false,
      },
    ]);
    // While it writes, the Export step will not let go.
    store.setState({ screen: 'export' });
    expect(store.getState().navigate('start')).toBe(false);
    transport.emit('job:updated', makeJob({ id: 'export-1', kind: 'export', state: 'succeeded' }));
    await flush();
    expect(store.getState().exportFlow.write).toMatchObject({
      status: 'succeeded',
      result: { path: result.path },
    });
    expect(transport.callsOf('history:packages')).toHaveLength(1);
    store.getState().inspectExported();
    expect(store.getState().screen).toBe('inspect');
    expect(store.getState().inspect.source).toEqual({ path: result.path, label: 'dev-1.zip' });
  });

  it('reports a failed export with the job error', async () => {
    const { store, transport } = await onWorkspace();
    store.getState().toggleSelected('1003');
    await store.getState().writePackage();
    const error = { code: 'conflict' as const, message: '/x/pick.zip: already exists' };
    transport.emit('job:updated', makeJob({ id: 'export-1', state: 'failed', error }));
    expect(store.getState().exportFlow.write).toEqual({ status: 'failed', error });
  });
});
