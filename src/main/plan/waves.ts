import type { Asset, AssetKind } from '../../shared/model/asset';
import type { PlanWave, WaveKind } from '../../shared/model/plan';

/**
 * Orders objects into waves: data sources, resources, functions, tables, workflows, then nodes by topological level
 * (upstream first), quality rules last, anything else after. Within the node part, level 0 has no in-package
 * upstream; a node's level is one more than its highest upstream's.
 *
 * Only same-cycle dependencies order nodes (type `Normal` or unset): cross-cycle ones (`CrossCycleDependsOn…`) point
 * at an earlier cycle's instance, may legitimately close loops (a node on its own previous run, on its children),
 * and are left out, as are self-references. A real cycle is found with Tarjan's algorithm (iterative: 20,000 nodes
 * must not overflow the stack); its members share one level, after every upstream of the cycle, and are reported.
 */

const kindWave: Record<AssetKind, WaveKind> = {
  datasource: 'datasource',
  resource: 'resource',
  function: 'function',
  table: 'table',
  workflow: 'workflow',
  node: 'node',
  'quality-rule': 'quality-rule',
  query: 'other',
  component: 'other',
  'dataservice-api': 'other',
};
const waveOrder: WaveKind[] = ['datasource', 'resource', 'function', 'table', 'workflow', 'node', 'quality-rule', 'other'];

export interface WaveAssignment {
  waves: PlanWave[];
  /** Asset id -> wave index. */
  waveOf: Map<string, number>;
  /** Dependency cycles: member ids of each strongly connected component with more than one node. */
  cycles: string[][];
}

/** True for dependency types that order deployment within one cycle. */
export function ordersDeployment(type: string | null | undefined): boolean {
  return !type || !type.startsWith('CrossCycle');
}

/** Topological levels of nodes over in-package dependencies; cycles share a level. */
export function nodeLevels(nodes: readonly Pick<Asset, 'id' | 'dependencies'>[]): { level: Map<string, number>; cycles: string[][] } {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const upstream: number[][] = nodes.map((n, i) => {
    const ups = new Set<number>();
    for (const d of n.dependencies) {
      if (d.targetId === null || !ordersDeployment(d.type)) continue;
      const j = index.get(d.targetId);
      if (j !== undefined && j !== i) ups.add(j);
    }
    return [...ups];
  });

  // Tarjan over edges node -> upstream: components come out upstream first, so levels are computed as they appear.
  const count = nodes.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const component = new Int32Array(count).fill(-1);
  const componentLevel: number[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const work: { v: number; edge: number }[] = [];
  for (let root = 0; root < count; root += 1) {
    if (order[root] !== -1) continue;
    work.push({ v: root, edge: 0 });
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const { v } = frame;
      if (frame.edge < upstream[v].length) {
        const w = upstream[v][frame.edge++];
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] !== order[v]) continue;
      const members: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        members.push(w);
      } while (w !== v);
      const id = componentLevel.length;
      let level = 0;
      for (const m of members) component[m] = id;
      for (const m of members) for (const u of upstream[m]) if (component[u] !== id) level = Math.max(level, componentLevel[component[u]] + 1);
      componentLevel.push(level);
      if (members.length > 1) cycles.push(members.sort((a, b) => a - b).map((m) => nodes[m].id));
    }
  }
  const level = new Map<string, number>();
  nodes.forEach((n, i) => level.set(n.id, componentLevel[component[i]]));
  return { level, cycles };
}

/** Assigns every asset a wave. Wave indexes are dense and in application order. */
export function assignWaves(assets: readonly Pick<Asset, 'id' | 'kind' | 'dependencies'>[]): WaveAssignment {
  const nodes = assets.filter((a) => a.kind === 'node');
  const { level, cycles } = nodeLevels(nodes);
  const counts = new Map<string, number>();
  const keyOf = (a: Pick<Asset, 'id' | 'kind'>): string => {
    const kind = kindWave[a.kind];
    return kind === 'node' ? `node:${level.get(a.id) ?? 0}` : kind;
  };
  for (const a of assets) counts.set(keyOf(a), (counts.get(keyOf(a)) ?? 0) + 1);
  const waves: PlanWave[] = [];
  const indexOf = new Map<string, number>();
  let maxLevel = -1;
  for (const l of level.values()) if (l > maxLevel) maxLevel = l;
  for (const kind of waveOrder) {
    const keys = kind === 'node' ? Array.from({ length: maxLevel + 1 }, (_, l) => `node:${l}`) : [kind];
    keys.forEach((key, l) => {
      const n = counts.get(key);
      if (!n) return;
      indexOf.set(key, waves.length);
      waves.push({ index: waves.length, kind, level: kind === 'node' ? l : 0, count: n });
    });
  }
  const waveOf = new Map<string, number>();
  for (const a of assets) waveOf.set(a.id, indexOf.get(keyOf(a))!);
  return { waves, waveOf, cycles };
}
