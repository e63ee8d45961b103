import { describe, expect, it } from 'vitest';
import { Collector, type AppliedMapping } from './mapping-result';

const rename = (
  field: string,
  to = 'retail_prod',
  via: AppliedMapping['via'] = 'profile',
): AppliedMapping => ({
  kind: 'project',
  from: 'retail_dev',
  to,
  field,
  via,
});

describe('Collector', () => {
  it('keeps one record per distinct mapping, shared by the assets it applies to, once per asset and field', () => {
    const collect = new Collector();
    collect.apply('a', rename('outputs'));
    collect.apply('a', rename('outputs')); // the same field again: recorded once
    collect.apply('a', rename('inputs'));
    collect.apply('b', rename('outputs'));
    collect.apply('b', rename('inputs', 'retail_prod', 'same-name'));
    collect.apply('c', rename('outputs', 'retail_uat'));
    const [a, b, c] = ['a', 'b', 'c'].map((id) => collect.applied.get(id)!);
    expect(a).toEqual([rename('outputs'), rename('inputs')]);
    expect(b[0]).toBe(a[0]);
    // Another way it was resolved, or another target: another record.
    expect(b[1]).toEqual(rename('inputs', 'retail_prod', 'same-name'));
    expect(b[1]).not.toBe(a[1]);
    expect(c).toEqual([rename('outputs', 'retail_uat')]);
    expect(c[0]).not.toBe(a[0]);
  });
});
