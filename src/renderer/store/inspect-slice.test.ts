import { describe, expect, it } from 'vitest';
import { flush, makeJob, setupStore } from '../test/fake-transport';
import {
  crossProject,
  makeDetails,
  makeRows,
  makeSummary,
  objectsHandler,
} from '../test/inspection-fixtures';
import { treeRows } from '../screens/inspect/tree-rows';
import { objectPageSize } from './inspection-view';
import { folderKey, outsideGroupId } from './inspect-slice';
import { pagedItemAt } from './paged-list';

const rows = makeRows(20_000);
const summary = makeSummary(rows);

function inspectStore() {
  return setupStore({
    'inspect:start': () => ({ jobId: 'insp-1' }),
    'inspect:summary': () => summary,
    'inspect:objects': objectsHandler(rows),
    'inspect:problems': ({ severity }) =>
      !severity || severity === 'warning'
        ? { total: 1, problems: [crossProject] }
        : { total: 0, problems: [] },
    'inspect:object': ({ id }) => makeDetails(rows.find((r) => r.id === id)!),
    'inspect:graph': ({ id, depth }) => ({
      centre: id,
      nodes: [{ id, name: id, kind: 'node', type: null, workflow: null, depth: 0 }],
      edges: [],
      truncated: (depth ?? 2) > 5,
    }),
  });
}

async function ready() {
  const setup = inspectStore();
  setup.store.getState().inspectPackage('/out/p.zip', 'p.zip');
  await flush();
  setup.transport.emit('job:updated', makeJob({ id: 'insp-1', kind: 'inspect', state: 'succeeded' }));
  await flush();
  return setup;
}

describe('inspect slice', () => {
  it('follows the inspect job, then loads the summary, the first page of objects and of problems', async () => {
    const { store, transport } = inspectStore();
    store.getState().inspectPackage('/out/p.zip', 'p.zip');
    await flush();
    expect(store.getState().inspect).toMatchObject({ status: 'running', jobId: 'insp-1' });
    expect(transport.callsOf('inspect:start')).toEqual([{ path: '/out/p.zip' }]);
    transport.emit('job:updated', makeJob({ id: 'insp-1', kind: 'inspect', state: 'succeeded' }));
    await flush();
    const { inspect } = store.getState();
    expect(inspect.status).toBe('ready');
    expect(inspect.summary?.objectCount).toBe(20_002);
    expect(inspect.objects.total).toBe(20_002);
    expect(inspect.problems.total).toBe(1);
    // Only one page of 20,000 objects was fetched.
    expect(transport.callsOf('inspect:objects')).toEqual([
      { jobId: 'insp-1', offset: 0, limit: objectPageSize, filters: {} },
    ]);
  });

  it('fetches only the pages scrolled into view, and restarts on a new filter', async () => {
    const { store, transport } = await ready();
    store.getState().ensureObjectRange(12_010, 12_040);
    store.getState().ensureObjectRange(12_010, 12_040);
    await flush();
    expect(transport.callsOf('inspect:objects')).toHaveLength(2);
    expect(pagedItemAt(store.getState().inspect.objects, 12_010, objectPageSize)?.name).toBe('node_12010');
    store.getState().setObjectFilters({ workflowId: 'wf:a', search: '' });
    await flush();
    expect(store.getState().inspect.objects.total).toBe(10_000);
    expect(transport.callsOf('inspect:objects').at(-1)).toMatchObject({
      offset: 0,
      filters: { workflowId: 'wf:a' },
    });
  });

  it('loads the detail and the graph of the selected object, and drops answers for an older selection', async () => {
    const { store, transport } = await ready();
    store.getState().selectObject('1001');
    store.getState().selectObject('1003');
    await flush();
    const { detail, graph, selectedId } = store.getState().inspect;
    expect(selectedId).toBe('1003');
    expect(detail.data?.row.name).toBe('node_3');
    expect(graph.data?.centre).toBe('1003');
    store.getState().setGraphDepth(3);
    await flush();
    expect(transport.callsOf('inspect:graph').at(-1)).toEqual({ jobId: 'insp-1', id: '1003', depth: 3 });
  });

  it('filters problems by severity', async () => {
    const { store } = await ready();
    store.getState().setProblemSeverity('error');
    await flush();
    expect(store.getState().inspect.problems.total).toBe(0);
    store.getState().setProblemSeverity(null);
    await flush();
    expect(pagedItemAt(store.getState().inspect.problems, 0, 500)?.code).toBe('external-dependency');
  });

  it('opens tree groups lazily, folders open inside them, objects outside workflows in their own group', async () => {
    const { store, transport } = await ready();
    const visible = () => {
      const s = store.getState().inspect;
      return treeRows(s.summary!, s.groups, s.toggled, 'Outside workflows');
    };
    expect(visible().map((r) => r.type)).toEqual(['group', 'group', 'group']);
    store.getState().toggleTreeNode('wf:a');
    expect(visible()[1]).toMatchObject({ type: 'status', status: 'loading' });
    await flush();
    const opened = visible();
    expect(opened[1]).toMatchObject({ type: 'folder', label: 'MaxCompute/数据开发', count: 5000 });
    expect(opened[2]).toMatchObject({ type: 'object', level: 3 });
    store.getState().toggleTreeNode(folderKey('wf:a', 'MaxCompute/数据开发'));
    expect(visible().map((r) => r.type)).toEqual(['group', 'folder', 'status', 'group', 'group']); // 10,000 > one batch: says so
    store.getState().toggleTreeNode(outsideGroupId);
    await flush();
    const outside = visible().filter((r) => r.type === 'object' && r.row.kind === 'datasource');
    expect(outside).toHaveLength(2);
    expect(
      transport.callsOf('inspect:objects').filter((c) => JSON.stringify(c).includes('"kind"')),
    ).toHaveLength(2);
  });

  it('shows a failed job with its error', async () => {
    const { store, transport } = inspectStore();
    store.getState().inspectPackage('/bad.zip', 'bad.zip');
    await flush();
    const error = { code: 'not-a-zip' as const, message: 'bad.zip is not a zip archive' };
    transport.emit('job:updated', makeJob({ id: 'insp-1', state: 'failed', error }));
    expect(store.getState().inspect).toMatchObject({ status: 'failed', error });
  });
});
