import { describe, expect, it } from 'vitest';
import type { Asset, Dependency } from '../../shared/model/asset';
import { assignWaves, nodeLevels } from './waves';

type Mini = Pick<Asset, 'id' | 'kind' | 'dependencies'>;
const dep = (targetId: string, type = 'Normal'): Dependency => ({ type, output: null, nodeId: targetId, refTableName: null, targetId });
const node = (id: string, ...ups: (string | Dependency)[]): Mini => ({ id, kind: 'node', dependencies: ups.map((u) => (typeof u === 'string' ? dep(u) : u)) });

describe('waves', () => {
  it('orders data sources < resources < functions < tables < nodes (upstream first) < quality rules', () => {
    const assets: Mini[] = [
      { id: 'q', kind: 'quality-rule', dependencies: [] },
      node('c', 'b'),
      node('b', 'a'),
      node('a'),
      { id: 't', kind: 'table', dependencies: [] },
      { id: 'f', kind: 'function', dependencies: [dep('r', 'Resource')] },
      { id: 'r', kind: 'resource', dependencies: [] },
      { id: 'd', kind: 'datasource', dependencies: [] },
    ];
    const { waves, waveOf, cycles } = assignWaves(assets);
    const order = ['d', 'r', 'f', 't', 'a', 'b', 'c', 'q'].map((id) => waveOf.get(id)!);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(new Set(order).size).toBe(8);
    expect(waves.map((w) => `${w.kind}:${w.level}`)).toEqual(['datasource:0', 'resource:0', 'function:0', 'table:0', 'node:0', 'node:1', 'node:2', 'quality-rule:0']);
    expect(cycles).toEqual([]);
  });

  it('puts a node one level after its highest upstream; ignores cross-cycle, self and external dependencies', () => {
    const { level, cycles } = nodeLevels([
      node('a'),
      node('b', 'a'),
      node('c', 'a', 'b', 'outside'),
      node('rfm', 'b', dep('rfm', 'CrossCycleDependsOnSelf')),
      node('back', 'c', dep('rfm', 'CrossCycleDependsOnOtherNode')),
    ]);
    expect(Object.fromEntries(level)).toEqual({ a: 0, b: 1, c: 2, rfm: 2, back: 3 });
    expect(cycles).toEqual([]);
  });

  it('reports a cycle with its members, which share a level after their upstream; downstream follows', () => {
    const { level, cycles } = nodeLevels([node('root'), node('x', 'root', 'z'), node('y', 'x'), node('z', 'y'), node('after', 'z')]);
    expect(cycles).toEqual([['x', 'y', 'z']]);
    expect(level.get('x')).toBe(1);
    expect(level.get('y')).toBe(1);
    expect(level.get('after')).toBe(2);
  });

  it('handles a 20,000-node chain without deep recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => (i === 0 ? node('n0') : node(`n${i}`, `n${i - 1}`)));
    expect(nodeLevels(chain).level.get('n19999')).toBe(19_999);
  });
});
