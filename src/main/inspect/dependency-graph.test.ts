import { describe, expect, it } from 'vitest';
import type { Asset, Dependency } from '../../shared/model/asset';
import { DependencyGraph } from './dependency-graph';

function node(id: string, upstream: string[], type = 'Normal'): Asset {
  const dependencies: Dependency[] = upstream.map((target) => ({
    type,
    output: target,
    nodeId: null,
    refTableName: null,
    targetId: target,
  }));
  return { id, name: `n${id}`, kind: 'node', dependencies } as Asset;
}

describe('dependency graph', () => {
  it('finds each cycle once and ignores cross-cycle dependencies', () => {
    const graph = new DependencyGraph([
      node('a', ['c']),
      node('b', ['a']),
      node('c', ['b']),
      node('d', ['c']),
      node('e', ['f'], 'CrossCycleDependsOnOtherNode'),
      node('f', ['e']),
      node('g', ['g'], 'CrossCycleDependsOnSelf'),
    ]);
    expect(graph.cycles().map((members) => members.map((i) => graph.ids[i]))).toEqual([['a', 'b', 'c']]);
    expect(
      graph
        .downstream(graph.indexOf('c')!)
        .map((l) => graph.ids[l.index])
        .sort(),
    ).toEqual(['a', 'd']);
  });

  it('handles a 20,000-node chain and a 20,000-node ring without recursion, in linear time', () => {
    const n = 20000;
    const chain = Array.from({ length: n }, (_, i) => node(String(i), i === 0 ? [] : [String(i - 1)]));
    const ring = Array.from({ length: n }, (_, i) => node(String(i), [String((i + n - 1) % n)]));
    const started = performance.now();
    expect(new DependencyGraph(chain).cycles()).toEqual([]);
    const cycles = new DependencyGraph(ring).cycles();
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('cuts a neighbourhood at the node limit', () => {
    const hub = node('hub', []);
    const spokes = Array.from({ length: 50 }, (_, i) => node(`s${i}`, ['hub']));
    const graph = new DependencyGraph([hub, ...spokes]);
    const label = (a: Asset) => ({ id: a.id, name: a.name, kind: a.kind, type: null, workflow: null });
    const view = graph.neighbourhood('hub', 2, 10, label);
    expect(view.nodes).toHaveLength(10);
    expect(view.truncated).toBe(true);
    expect(graph.neighbourhood('nope', 2, 10, label).nodes).toEqual([]);
  });
});
