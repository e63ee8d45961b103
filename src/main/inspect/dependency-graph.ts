import type { Asset } from '../../shared/model/asset';
import type { GraphEdge, GraphNode, ObjectGraph } from '../../shared/model/inspection';

/** A resolved dependency between two package objects. */
export interface Link {
  /** The other object's index in the graph. */
  index: number;
  type: string;
}

/**
 * Upstream/downstream adjacency over a package's objects, built from the reader's resolved dependencies
 * (`targetId`). Objects are addressed by index so the arrays stay compact at 20,000 nodes; everything is
 * linear in objects + dependencies.
 */
export class DependencyGraph {
  readonly ids: string[];
  private readonly indexById = new Map<string, number>();
  private readonly up: Link[][];
  private readonly down: Link[][];
  /** Output strings each object consumes that nothing in the package produces. */
  private readonly external: string[][];
  /** Objects that depend on themselves in the same cycle: a cycle of one. */
  private readonly selfLoops: number[] = [];
  private edgeCount = 0;

  constructor(private readonly assets: readonly Asset[]) {
    this.ids = assets.map((asset) => asset.id);
    assets.forEach((asset, i) => {
      if (!this.indexById.has(asset.id)) this.indexById.set(asset.id, i);
    });
    this.up = assets.map(() => []);
    this.down = assets.map(() => []);
    this.external = assets.map(() => []);
    assets.forEach((asset, i) => {
      for (const dep of asset.dependencies) {
        const target = dep.targetId === null ? undefined : this.indexById.get(dep.targetId);
        if (target === undefined) {
          const label = dep.output ?? dep.nodeId;
          if (label !== null && dep.type !== 'Resource' && dep.type !== 'Function')
            this.external[i].push(label);
          continue;
        }
        // A node depending on its own previous cycle is a scheduling setting, not an edge to draw or follow.
        if (target === i) {
          if (!dep.type.startsWith('CrossCycle') && dep.type !== 'Resource' && dep.type !== 'Function')
            this.selfLoops.push(i);
          continue;
        }
        if (this.up[i].some((link) => link.index === target && link.type === dep.type)) continue;
        this.up[i].push({ index: target, type: dep.type });
        this.down[target].push({ index: i, type: dep.type });
        this.edgeCount++;
      }
    });
  }

  get size(): number {
    return this.ids.length;
  }

  get edges(): number {
    return this.edgeCount;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  upstream(index: number): readonly Link[] {
    return this.up[index];
  }

  downstream(index: number): readonly Link[] {
    return this.down[index];
  }

  externalInputs(index: number): readonly string[] {
    return this.external[index];
  }

  /**
   * Strongly connected components of more than one object, plus objects that depend on themselves in the same
   * cycle: every dependency cycle once. Cross-cycle dependencies (`CrossCycleDependsOn*`) point at an earlier
   * instance, so they never close a cycle. Iterative Tarjan: a recursive one overflows the stack on long chains.
   */
  cycles(): number[][] {
    const n = this.size;
    const follows = (link: Link) => !link.type.startsWith('CrossCycle');
    const order = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    const result: number[][] = [];
    let counter = 0;
    const frames: { node: number; next: number }[] = [];

    for (let root = 0; root < n; root++) {
      if (order[root] !== -1) continue;
      frames.push({ node: root, next: 0 });
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (frames.length > 0) {
        const frame = frames[frames.length - 1];
        const links = this.up[frame.node];
        if (frame.next < links.length) {
          const link = links[frame.next++];
          if (!follows(link)) continue;
          const next = link.index;
          if (order[next] === -1) {
            order[next] = low[next] = counter++;
            stack.push(next);
            onStack[next] = 1;
            frames.push({ node: next, next: 0 });
          } else if (onStack[next]) {
            low[frame.node] = Math.min(low[frame.node], order[next]);
          }
          continue;
        }
        frames.pop();
        const node = frame.node;
        if (frames.length > 0) {
          const parent = frames[frames.length - 1].node;
          low[parent] = Math.min(low[parent], low[node]);
        }
        if (low[node] !== order[node]) continue;
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        if (component.length > 1) result.push(component.sort((a, b) => a - b));
      }
    }
    for (const node of new Set(this.selfLoops)) result.push([node]);
    return result.sort((a, b) => a[0] - b[0]);
  }

  /**
   * The objects up to `depth` hops upstream and downstream of one object, the edges among them, and external
   * inputs within `depth` hops as `external` nodes, cut at `limit` objects.
   */
  neighbourhood(
    id: string,
    depth: number,
    limit: number,
    label: (asset: Asset) => Omit<GraphNode, 'depth'>,
  ): ObjectGraph {
    const centre = this.indexById.get(id);
    if (centre === undefined) return { centre: id, nodes: [], edges: [], truncated: false };
    const depthOf = new Map<number, number>([[centre, 0]]);
    let truncated = false;
    for (const next of [(i: number) => this.up[i], (i: number) => this.down[i]]) {
      let frontier = [centre];
      for (let hop = 1; hop <= depth && frontier.length > 0 && !truncated; hop++) {
        const following: number[] = [];
        for (const node of frontier) {
          for (const link of next(node)) {
            if (depthOf.has(link.index)) continue;
            if (depthOf.size >= limit) {
              truncated = true;
              break;
            }
            depthOf.set(link.index, hop);
            following.push(link.index);
          }
        }
        frontier = following;
      }
    }
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const externals = new Map<string, number>();
    for (const [index, hops] of depthOf) {
      nodes.push({ ...label(this.assets[index]), depth: hops });
      for (const link of this.up[index]) {
        if (depthOf.has(link.index))
          edges.push({ from: this.ids[link.index], to: this.ids[index], type: link.type });
      }
      if (hops >= depth) continue;
      for (const output of this.external[index]) {
        const externalId = `external:${output}`;
        if (!externals.has(externalId)) {
          externals.set(externalId, hops + 1);
          nodes.push({
            id: externalId,
            name: output,
            kind: 'external',
            type: null,
            workflow: null,
            depth: hops + 1,
          });
        }
        edges.push({ from: externalId, to: this.ids[index], type: 'Normal' });
      }
    }
    return { centre: id, nodes, edges, truncated };
  }
}
