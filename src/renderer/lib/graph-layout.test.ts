import { describe, expect, it } from 'vitest';
import type { GraphNode, ObjectGraph } from '../../shared/model/inspection';
import { edgePath, layoutGraph } from './graph-layout';

const node = (id: string, depth = 1, kind: GraphNode['kind'] = 'node'): GraphNode => ({
  id,
  name: id,
  kind,
  type: null,
  workflow: null,
  depth,
});

describe('layoutGraph', () => {
  it('puts upstream left, the centre in the middle, downstream right, one column per hop', () => {
    const graph: ObjectGraph = {
      centre: 'c',
      nodes: [node('c', 0), node('u1'), node('u2', 2), node('ext', 1, 'external'), node('d1'), node('d2')],
      edges: [
        { from: 'u2', to: 'u1', type: 'Normal' },
        { from: 'u1', to: 'c', type: 'Normal' },
        { from: 'ext', to: 'c', type: 'Normal' },
        { from: 'c', to: 'd1', type: 'Normal' },
        { from: 'c', to: 'd2', type: 'Normal' },
      ],
      truncated: false,
    };
    const { nodes, edges, bounds } = layoutGraph(graph);
    const at = (id: string) => nodes.find((n) => n.node.id === id)!;
    expect(at('c')).toMatchObject({ layer: 0, relation: 'centre', x: 0 });
    expect(at('u1')).toMatchObject({ layer: -1, relation: 'upstream' });
    expect(at('ext').layer).toBe(-1);
    expect(at('u2').layer).toBe(-2);
    expect(at('d1')).toMatchObject({ layer: 1, relation: 'downstream' });
    expect(at('u2').x).toBeLessThan(at('u1').x);
    // Two nodes in a column are centred on the row of the centre and do not overlap.
    expect(at('d1').y + at('d2').y).toBe(0);
    expect(Math.abs(at('d1').y - at('d2').y)).toBeGreaterThanOrEqual(42);
    expect(edges).toHaveLength(5);
    expect(bounds.width).toBeGreaterThan(4 * 196);
    expect(edgePath(at('u1'), at('c'))).toMatch(/^M-?\d+(\.\d+)?,-?\d+/);
  });

  it('copes with a lone object', () => {
    const { nodes, edges } = layoutGraph({ centre: 'c', nodes: [node('c', 0)], edges: [], truncated: false });
    expect(nodes).toHaveLength(1);
    expect(edges).toHaveLength(0);
  });
});
