import { importTaskStateLabels } from '../../shared/model/import-task';
import type { ImportReport, ReportObject } from '../../shared/model/report';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const css = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif; color: #1f2328; margin: 2rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
  .sub { color: #59636e; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
  dt { color: #59636e; } dd { margin: 0; overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
  th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  tbody tr:nth-child(even) { background: #fbfcfd; }
  .counts { display: flex; flex-wrap: wrap; gap: .75rem; }
  .count { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
  .count b { display: block; font-size: 1.35rem; }
  .succeeded { color: #1a7f37; } .failed { color: #cf222e; } .skipped { color: #59636e; }
  .hash, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; overflow-wrap: anywhere; }
  ul.maps { margin: 0; padding-left: 1rem; }
  @media print {
    body { margin: 0; font-size: 11px; }
    h2 { break-after: avoid; }
    tr { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

const short = (hash: string | null): string => (hash ? `${hash.slice(0, 12)}…` : '');

function detailRow(d: ReportObject): string {
  const maps =
    d.mappings.length === 0
      ? ''
      : `<ul class="maps">${d.mappings.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`;
  return `<tr>
<td>${escapeHtml(d.name)}<div class="mono">${escapeHtml(d.destinationPath)}</div></td>
<td>${escapeHtml(d.kind)}</td><td>${escapeHtml(d.wave + 1)}</td><td>${escapeHtml(d.action)}${d.dryRun ? ' (dry run)' : ''}</td>
<td class="${escapeHtml(d.outcome)}">${escapeHtml(d.outcome)}${d.reason ? `<div>${escapeHtml(d.reason)}</div>` : ''}</td>
<td>${maps}</td><td>${escapeHtml(d.owner)}</td><td class="mono">${escapeHtml(d.resourceGroup)}</td><td>${escapeHtml(d.dataSource)}</td>
<td>${escapeHtml(d.landingState)}</td>
<td class="hash" title="${escapeHtml(d.beforeHash)}">${escapeHtml(short(d.beforeHash))}</td>
<td class="hash" title="${escapeHtml(d.afterHash)}">${escapeHtml(short(d.afterHash))}</td>
<td class="failed">${escapeHtml(d.error)}</td>
</tr>`;
}

/**
 * The report as one self-contained HTML page a consultant can hand to a customer: inline CSS, no scripts, no remote
 * assets, every text escaped, printable (header rows repeat, rows do not split).
 */
export function renderReportHtml(report: ImportReport): string {
  const b = report.basic;
  const r = report.results;
  const s = report.settings;
  const item = (label: string, value: string | number | null) =>
    `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value ?? '—')}</dd>`;
  const count = (label: string, value: number, cls = '') =>
    `<div class="count ${cls}"><b>${value}</b>${escapeHtml(label)}</div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Import report: ${escapeHtml(b.taskName)}</title>
<style>${css}</style>
</head>
<body>
<h1>Import report: ${escapeHtml(b.taskName)}</h1>
<p class="sub">${escapeHtml(b.sourceProject ?? 'package')} → ${escapeHtml(b.destinationProject)} · ${escapeHtml(importTaskStateLabels[b.state])}</p>

<h2>Basic information</h2>
<dl>
${item('Task', `${b.taskName} (#${b.taskId})`)}
${item('Remarks', b.remarks || null)}
${item('State', importTaskStateLabels[b.state])}
${item('Package', b.packagePath)}
${item('Package hash', b.packageHash)}
${item('Source project', b.sourceProject)}
${item('Destination', `${b.destinationProject} (${b.destinationPath})`)}
${item('Executor', b.executor)}
${item('Created', b.createdAt)}
${item('Started', b.startedAt)}
${item('Finished', b.finishedAt)}
${item('Runs', b.runs)}
${item('Rollback package', b.rollbackPath)}
${item('Error', b.error)}
</dl>

<h2>Import results</h2>
<div class="counts">
${count('objects', r.total)}${count('succeeded', r.succeeded, 'succeeded')}${count('failed', r.failed, 'failed')}${count('skipped', r.skipped, 'skipped')}
</div>
<p>${Object.entries(r.byAction)
    .map(([action, n]) => `${escapeHtml(action)}: ${n}`)
    .join(' · ')}</p>

<h2>Details</h2>
<table>
<thead><tr><th>Object</th><th>Kind</th><th>Wave</th><th>Action</th><th>Outcome</th><th>Mappings applied</th><th>Owner</th><th>Resource group</th><th>Data source</th><th>Lands as</th><th>Before</th><th>After</th><th>Error</th></tr></thead>
<tbody>
${report.details.map(detailRow).join('\n')}
</tbody>
</table>

<h2>Import settings</h2>
<dl>
${item('Mapping profile', s.profileName)}
${item('Owner rule', s.ownerRule)}
${item('Same-name objects', s.conflictPolicy)}
${item('Dry-run recurrence', s.dryRunRecurrence)}
${item(
  'Commit rules',
  Object.entries(s.commitRules)
    .filter(([, on]) => on)
    .map(([rule]) => rule)
    .join(', ') || 'none (objects land saved)',
)}
</dl>
<table>
<thead><tr><th>Mapping</th><th>Source</th><th>Destination</th></tr></thead>
<tbody>
${s.mappings.map((m) => `<tr><td>${escapeHtml(m.section)}</td><td class="mono">${escapeHtml(m.source)}</td><td class="mono">${escapeHtml(m.target)}</td></tr>`).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
