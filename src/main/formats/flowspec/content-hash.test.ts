import { createHash } from 'node:crypto';
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

  it('writes strings and numbers exactly as JSON.stringify does, in UTF-8', () => {
    const strings = [
      '',
      'plain ascii',
      'quote " backslash \\ slash /',
      '\b\f\n\r\t and \u0000\u0001\u001f\u007f',
      'é ß 业务流程/数据开发 ∑ \u0800 \uffff',
      'pair 😀 𝄞 and lone \ud800 x \udfff \udbff\ud800 at end \ud83d',
      'x'.repeat(70_000) + '业',
    ];
    const numbers = [0, -0, 1, -17, 3.25, 1e21, 1e-7, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];
    const value = { strings, numbers, flags: [true, false, null, undefined], [strings[4]]: strings[5] };
    expect(canonicalJson(value)).toBe(JSON.stringify(reference(value)));
    const bytes = (part: unknown) => Buffer.from(JSON.stringify(reference(part)), 'utf8');
    const expected = createHash('sha256')
      .update(Buffer.concat([bytes('node'), Buffer.from([0]), bytes(value), Buffer.from([0])]))
      .digest('hex');
    expect(contentHash('node', value)).toBe(expected);
  });
});
