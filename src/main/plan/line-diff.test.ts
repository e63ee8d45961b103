import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff, type DiffOp } from './line-diff';

/** Applying the script's kept and added lines must give `b`; kept and removed must give `a`. */
function check(a: string[], b: string[], ops: DiffOp[]) {
  expect(ops.filter((o) => o.op !== '+').map((o) => o.line)).toEqual(a);
  expect(ops.filter((o) => o.op !== '-').map((o) => o.line)).toEqual(b);
}

describe('diffLines', () => {
  it('finds a minimal script for small edits', () => {
    const a = ['a', 'b', 'c', 'a', 'b', 'b', 'a'];
    const b = ['c', 'b', 'a', 'b', 'a', 'c'];
    const ops = diffLines(a, b);
    check(a, b, ops);
    expect(ops.filter((o) => o.op !== ' ').length).toBe(5); // Myers' classic example: D = 5
  });

  it('handles empty sides, equal texts and random edits', () => {
    check([], ['x'], diffLines([], ['x']));
    check(['x'], [], diffLines(['x'], []));
    expect(diffLines(['a', 'b'], ['a', 'b']).every((o) => o.op === ' ')).toBe(true);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round += 1) {
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => String(Math.floor(rand() * 5)));
      const b = a.filter(() => rand() > 0.2).flatMap((l) => (rand() > 0.8 ? [l, 'new'] : [l]));
      check(a, b, diffLines(a, b));
    }
  });

  it('falls back to a replaced block when the edit distance exceeds the cap, still correct', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    check(a, b, diffLines(a, b, 10));
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with context and line numbers', () => {
    const before = ['SELECT *', 'FROM retail_dev.ods_orders', 'WHERE dt = 1', 'AND x', 'AND y', 'AND z', 'AND w', 'LIMIT 1'].join('\n');
    const after = before.replace('retail_dev', 'retail_prod');
    const diff = unifiedDiff(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 1, truncated: false });
    expect(diff.text).toBe(
      ['@@ -1,5 +1,5 @@', ' SELECT *', '-FROM retail_dev.ods_orders', '+FROM retail_prod.ods_orders', ' WHERE dt = 1', ' AND x', ' AND y', ''].join('\n'),
    );
  });

  it('splits far-apart changes into hunks and caps the text, keeping exact counts', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const after = lines.map((l, i) => (i === 2 || i === 30 ? `${l}!` : l));
    const diff = unifiedDiff(lines.join('\n'), after.join('\n'));
    expect(diff.text.match(/^@@/gm)).toHaveLength(2);
    expect(diff.text).toContain('@@ -28,7 +28,7 @@');
    const capped = unifiedDiff(lines.join('\n'), lines.map((l) => `${l}?`).join('\n'), 100);
    expect(capped).toMatchObject({ added: 40, removed: 40, truncated: true });
    expect(capped.text.length).toBeLessThanOrEqual(100);
  });
});

describe('unifiedDiff line endings', () => {
  it('treats CRLF as a line end, and a lone CR (also a last line ending in CR) as part of the line', () => {
    const crlf = unifiedDiff('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n');
    expect(crlf.text).toContain('\n-b\n+B\n');
    expect(crlf.text).not.toContain('\r');
    expect([crlf.added, crlf.removed]).toEqual([1, 1]);
    const lone = unifiedDiff('a\rb\nc\r', 'a\rb\nc');
    expect(lone.text).toContain('\n-c\r\n+c\n');
    expect([lone.added, lone.removed]).toEqual([1, 1]);
  });
});
