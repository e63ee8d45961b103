import type { CodeDiff } from '../../shared/model/plan';

/**
 * A small line diff (Myers' O((N+M)D) greedy algorithm) and unified-diff formatting, for the code of rewritten nodes.
 * Rewrites change a few lines of a body, so the common prefix and suffix are cut first; when the middles have the same
 * line count (a rewrite in place) lines are paired by position in O(n); otherwise Myers. When D would exceed
 * `maxEdits`, the middle is reported as one replaced block: still a correct diff, just not minimal.
 */

export type DiffOp = { op: ' ' | '-' | '+'; line: string };

/** Default cap on a diff's text (characters); the counts stay exact beyond it. */
export const DIFF_TEXT_CAP = 32 * 1024;
const CONTEXT = 3;

/** Lines split at `\n` or `\r\n` (a plain string split: the regular expression was a visible share of a plan). */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.includes('\r'))
    for (let i = 0; i < lines.length - 1; i += 1) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script turning `a` into `b`, as kept / removed / added lines. */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 4000): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const head: DiffOp[] = a.slice(0, start).map((line) => ({ op: ' ', line }));
  const tail: DiffOp[] = a.slice(endA).map((line) => ({ op: ' ', line }));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = middleA.length === middleB.length ? lineByLine(middleA, middleB) : myers(middleA, middleB, maxEdits);
  return [...head, ...middle, ...tail];
}

/**
 * Same line count (what a rename-in-place rewrite gives): pair lines by position, each run of changed lines as its
 * removals then its additions. O(n), and what a reader expects for substitutions; Myers could only pair lines
 * differently when a changed line equals another line nearby.
 */
function lineByLine(a: readonly string[], b: readonly string[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let i = 0;
  while (i < a.length) {
    if (a[i] === b[i]) {
      ops.push({ op: ' ', line: a[i] });
      i += 1;
      continue;
    }
    let j = i;
    while (j < a.length && a[j] !== b[j]) j += 1;
    for (let k = i; k < j; k += 1) ops.push({ op: '-', line: a[k] });
    for (let k = i; k < j; k += 1) ops.push({ op: '+', line: b[k] });
    i = j;
  }
  return ops;
}

function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n + m > 200_000) return replaceAll(a, b);
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d, offset);
    }
    v = next;
  }
  return replaceAll(a, b);
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], dEnd: number, offset: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d -= 1) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      ops.push({ op: ' ', line: a[x] });
    }
    if (down) {
      y -= 1;
      ops.push({ op: '+', line: b[y] });
    } else {
      x -= 1;
      ops.push({ op: '-', line: a[x] });
    }
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    ops.push({ op: ' ', line: a[x] });
  }
  return ops.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[]): DiffOp[] {
  return [...a.map((line): DiffOp => ({ op: '-', line })), ...b.map((line): DiffOp => ({ op: '+', line }))];
}

/**
 * The hunks of a unified diff of two texts (3 lines of context), cut at `cap` characters. Counts are over the whole
 * diff. No `---`/`+++` file header: a diff belongs to a plan object, which names the node, and the header repeated
 * its code file's path twice per diff. In a plan of 16,000 rewritten nodes that was a fifth of the diff text, and a
 * path with Chinese folder names made each whole diff a two-byte string: twice the memory, copying and encoding.
 */
export function unifiedDiff(before: string, after: string, cap = DIFF_TEXT_CAP): CodeDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  let added = 0;
  let removed = 0;
  for (const op of ops) if (op.op === '+') added += 1;
  else if (op.op === '-') removed += 1;
  // Pieces joined once at the end: the joined text is a copy of its own. Built with `+=` it would be a tree of
  // slices of both whole bodies and keep them alive as long as the plan holds the diff (a plan holds thousands).
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  // Line numbers (0-based) in a and b before each op.
  const posA = new Int32Array(ops.length + 1);
  const posB = new Int32Array(ops.length + 1);
  ops.forEach((op, i) => {
    posA[i + 1] = posA[i] + (op.op === '+' ? 0 : 1);
    posB[i + 1] = posB[i] + (op.op === '-' ? 0 : 1);
  });
  // Hunks: changes closer than 2 * CONTEXT kept lines apart share one hunk.
  const changed: number[] = [];
  ops.forEach((op, i) => {
    if (op.op !== ' ') changed.push(i);
  });
  let g = 0;
  while (g < changed.length && !truncated) {
    let h = g;
    while (h + 1 < changed.length && changed[h + 1] - changed[h] <= 2 * CONTEXT + 1) h += 1;
    const start = Math.max(0, changed[g] - CONTEXT);
    const stop = Math.min(ops.length, changed[h] + CONTEXT + 1);
    const countA = posA[stop] - posA[start];
    const countB = posB[stop] - posB[start];
    let chunk = `@@ -${countA === 0 ? posA[start] : posA[start] + 1},${countA} +${countB === 0 ? posB[start] : posB[start] + 1},${countB} @@\n`;
    for (let i = start; i < stop; i += 1) chunk += `${ops[i].op}${ops[i].line}\n`;
    if (length + chunk.length > cap) {
      parts.push(chunk.slice(0, Math.max(0, cap - length)));
      truncated = true;
    } else {
      parts.push(chunk);
      length += chunk.length;
    }
    g = h + 1;
  }
  return { text: parts.join(''), added, removed, truncated };
}
