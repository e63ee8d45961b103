import type { ImportReport } from '../../shared/model/report';

/** Quotes one CSV field per RFC 4180: fields with a comma, quote, CR or LF are quoted and quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ would be a formula in Excel; prefix a quote character so the text stays text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const columns = [
  'object id',
  'kind',
  'name',
  'destination path',
  'wave',
  'action',
  'outcome',
  'reason',
  'mappings applied',
  'owner',
  'resource group',
  'data source',
  'dry run',
  'landing state',
  'before hash',
  'after hash',
  'error',
] as const;

/**
 * The details section as CSV: RFC 4180 (CRLF line ends, quoted fields where needed), UTF-8 with a byte-order mark so
 * Excel reads non-ASCII names correctly. Several mappings of one object are joined with "; " in one field.
 */
export function renderReportCsv(report: ImportReport): string {
  const lines = [columns.map(csvField).join(',')];
  for (const d of report.details) {
    lines.push(
      [
        d.objectId,
        d.kind,
        d.name,
        d.destinationPath,
        d.wave,
        d.action,
        d.outcome,
        d.reason,
        d.mappings.join('; '),
        d.owner,
        d.resourceGroup,
        d.dataSource,
        d.dryRun ? 'yes' : 'no',
        d.landingState,
        d.beforeHash,
        d.afterHash,
        d.error,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The report as JSON (two-space, final newline). */
export function renderReportJson(report: ImportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
