import type { GraphNode, ObjectGraph } from '../../shared/model/inspection';

/** Where a node sits relative to the selected object. */
export type Relation = 'centre' | 'upstream' | 'downstream';

export interface PlacedNode {
  node: GraphNode;
  /** Column: negative upstream, 0 the centre, positive downstream. */
  layer: number;
  relation: Relation;
  /** Centre of the node box. */
  x: number;
  y: number;
}

export interface PlacedEdge {
  from: PlacedNode;
  to: PlacedNode;
  type: string;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Bounds of every box, for the view box. */
  bounds: { x: number; y: number; width: number; height: number };
}

export const nodeWidth = 196;
export const nodeHeight = 42;
const columnGap = 64;
const rowGap = 14;

/**
 * A layered layout for a dependency neighbourhood: what the selected object depends on to the left (one column
 * per hop), the object in the middle, what depends on it to the right. Hops are counted along the edges from the
 * centre (breadth first), so a node two hops upstream is two columns left whatever the backend's depth says.
 * Within a column, nodes are sorted by name so the picture is stable. Pure: easy to test, no DOM.
 */
export function layoutGraph(graph: ObjectGraph): GraphLayout {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const layer = new Map<string, number>([[graph.centre, 0]]);
  const upstreamOf = new Map<string, string[]>();
  const downstreamOf = new Map<string, string[]>();
  for (const e of graph.edges) {
    upstreamOf.set(e.to, [...(upstreamOf.get(e.to) ?? []), e.from]);
    downstreamOf.set(e.from, [...(downstreamOf.get(e.from) ?? []), e.to]);
  }
  const walk = (next: Map<string, string[]>, step: number) => {
    let frontier = [graph.centre];
    let distance = 0;
    while (frontier.length) {
      distance += 1;
      const following: string[] = [];
      for (const id of frontier) {
        for (const other of next.get(id) ?? []) {
          if (layer.has(other) || !byId.has(other)) continue;
          layer.set(other, step * distance);
          following.push(other);
        }
      }
      frontier = following;
    }
  };
  walk(upstreamOf, -1);
  walk(downstreamOf, 1);
  // Anything not reached along edges (should not happen) goes upstream by its reported depth.
  for (const n of graph.nodes) if (!layer.has(n.id)) layer.set(n.id, -Math.max(1, n.depth));

  const columns = new Map<number, GraphNode[]>();
  for (const n of graph.nodes) {
    const l = layer.get(n.id) ?? 0;
    columns.set(l, [...(columns.get(l) ?? []), n]);
  }
  const placed = new Map<string, PlacedNode>();
  for (const [l, nodes] of columns) {
    nodes.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    nodes.forEach((node, i) => {
      placed.set(node.id, {
        node,
        layer: l,
        relation: l === 0 ? 'centre' : l < 0 ? 'upstream' : 'downstream',
        x: l * (nodeWidth + columnGap),
        y: (i - (nodes.length - 1) / 2) * (nodeHeight + rowGap),
      });
    });
  }
  const nodes = [...placed.values()];
  const edges: PlacedEdge[] = [];
  for (const e of graph.edges) {
    const from = placed.get(e.from);
    const to = placed.get(e.to);
    if (from && to) edges.push({ from, to, type: e.type });
  }
  if (nodes.length === 0)
    return { nodes, edges, bounds: { x: 0, y: 0, width: nodeWidth, height: nodeHeight } };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = Math.min(...xs) - nodeWidth / 2;
  const minY = Math.min(...ys) - nodeHeight / 2;
  return {
    nodes,
    edges,
    bounds: {
      x: minX,
      y: minY,
      width: Math.max(...xs) + nodeWidth / 2 - minX,
      height: Math.max(...ys) + nodeHeight / 2 - minY,
    },
  };
}

/** A smooth left-to-right curve from the right edge of `from` to the left edge of `to`. */
export function edgePath(from: PlacedNode, to: PlacedNode): string {
  const x1 = from.x + nodeWidth / 2;
  const x2 = to.x - nodeWidth / 2;
  const bend = Math.max(30, Math.abs(x2 - x1) / 2);
  return `M${x1},${from.y} C${x1 + bend},${from.y} ${x2 - bend},${to.y} ${x2},${to.y}`;
}
