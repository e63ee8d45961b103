import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';

/** The reference canonical form: a copy with keys in Array.prototype.sort order (and no metadata), stringified. */
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    if (key !== 'metadata') out[key] = reference((value as Record<string, unknown>)[key]);
  return out;
}

/** The keys of `object` in a shuffled order (deterministic), as a new object. */
function shuffled(object: Record<string, unknown>, seed: number): Record<string, unknown> {
  const keys = Object.keys(object);
  let state = seed;
  for (let i = keys.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

describe('canonicalJson', () => {
  // Upper before lower case, digits before letters, non-ASCII last, prefixes first: UTF-16 code unit order.
  const awkwardKeys = ['b', 'B', 'a1', 'a10', 'a2', '_x', 'Zeta', 'zeta', '名称', 'é', 'a', '', 'aa', '$ref'];

  it('orders keys as Array.prototype.sort does, for short and long key lists alike', () => {
    const short = Object.fromEntries(awkwardKeys.map((k, i) => [k, i]));
    const long = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`k${(i * 37) % 60}_${awkwardKeys[i % awkwardKeys.length]}`, i]),
    );
    for (const value of [short, long, { nested: [short, { inner: long }] }])
      expect(canonicalJson(value)).toBe(JSON.stringify(reference(value)));
  });

  it('gives the same text and hash whatever the key order', () => {
    const node = {
      name: 'n1',
      script: {
        path: '业务流程/wf',
        language: 'odps-sql',
        parameters: [{ name: 'bizdate', value: '$[yyyymmdd-1]' }],
      },
      id: '7',
      owner: '1',
    };
    const texts = new Set([1, 2, 3, 4, 5].map((seed) => canonicalJson(shuffled(node, seed))));
    expect(texts.size).toBe(1);
    expect(contentHash('node', shuffled(node, 9))).toBe(contentHash('node', node));
  });

  it('leaves out metadata at any depth and members whose value is undefined', () => {
    const value = {
      b: 1,
      metadata: { createTime: 'x' },
      a: { metadata: 2, c: undefined, d: [{ metadata: 3, e: 'é"' }] },
    };
    expect(canonicalJson(value)).toBe('{"a":{"d":[{"e":"é\\""}]},"b":1}');
  });
});
