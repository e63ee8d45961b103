// Formats benchmark rows as a plain-text table with ferry/baseline ratios and the target each row is held to.

const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));

/**
 * The ratio (and the verdict) is on wall time; CPU time (user + sys) is shown beside it because on a shared, loaded
 * machine it is the steadier of the two.
 *
 * @param {Array<{ benchmark: string, ferry: { label: string, seconds: number, cpuSeconds?: number | null, peakRssMb: number },
 *   baseline: { label: string, seconds: number, peakRssMb: number }, target: { maxRatio?: number, maxRssMb?: number },
 *   note?: string }>} rows
 */
export function formatTable(rows) {
  const header = ['benchmark', 'command', 'time s', 'cpu s', 'peak RSS MB', 'ratio', 'cpu ratio', 'target', 'ok'];
  const lines = [];
  for (const row of rows) {
    const ratio = row.ferry.seconds / row.baseline.seconds;
    const target = [row.target.maxRatio !== undefined ? `<= ${row.target.maxRatio}x` : null, row.target.maxRssMb !== undefined ? `RSS < ${row.target.maxRssMb} MB` : null]
      .filter(Boolean)
      .join(', ');
    const cpu = (r) => (r.cpuSeconds == null ? '' : r.cpuSeconds.toFixed(2));
    const cpuRatio = row.ferry.cpuSeconds && row.baseline.cpuSeconds ? `${(row.ferry.cpuSeconds / row.baseline.cpuSeconds).toFixed(2)}x` : '';
    lines.push([row.benchmark, row.ferry.label, row.ferry.seconds.toFixed(2), cpu(row.ferry), row.ferry.peakRssMb.toFixed(0), `${ratio.toFixed(2)}x`, cpuRatio, target, verdict(row) ? 'yes' : 'NO']);
    lines.push(['', row.baseline.label, row.baseline.seconds.toFixed(2), cpu(row.baseline), row.baseline.peakRssMb.toFixed(0), '', '', '', '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const right = new Set([2, 3, 4, 5, 6]);
  const render = (cells) => cells.map((c, i) => pad(c, widths[i], right.has(i))).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `* ${r.benchmark}: ${r.note}`);
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** True when the ferry side meets the row's targets. */
export function verdict(row) {
  const ratio = row.ferry.seconds / row.baseline.seconds;
  if (row.target.maxRatio !== undefined && ratio > row.target.maxRatio) return false;
  if (row.target.maxRssMb !== undefined && row.ferry.peakRssMb >= row.target.maxRssMb) return false;
  return true;
}
