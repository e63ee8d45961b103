import { describe, expect, it } from 'vitest';
import { importReportSchema, type ImportReport } from '../../shared/model/report';
import { csvField, renderReportCsv, renderReportJson } from './report-csv';
import { escapeHtml, renderReportHtml } from './report-html';

const report: ImportReport = {
  reportVersion: 1,
  basic: {
    taskId: 3,
    taskName: 'dev_to_prod.1',
    remarks: 'Customer <ACME> "go-live"',
    state: 'partially-completed',
    packagePath: '/pkg/retail_dev.zip',
    packageHash: 'a'.repeat(64),
    sourceProject: 'retail_dev',
    destinationPath: '/ws/prod',
    destinationProject: 'retail_prod',
    createdAt: '2024-07-01T02:00:00.000Z',
    startedAt: '2024-07-01T02:00:00.000Z',
    finishedAt: '2024-07-01T02:01:00.000Z',
    runs: 2,
    executor: '1107550004253790',
    rollbackPath: '/user/rollback/dev_to_prod.1-3.zip',
    error: '1 object(s) failed; import again to retry them.',
  },
  results: {
    total: 3,
    succeeded: 1,
    failed: 1,
    skipped: 1,
    byAction: { create: 2, update: 0, unchanged: 1, conflict: 0, excluded: 0 },
  },
  details: [
    {
      objectId: '1',
      kind: 'node',
      name: 'dwd_订单, "x"',
      destinationPath: '业务流程/retail_dw/dwd_订单',
      wave: 4,
      action: 'create',
      outcome: 'succeeded',
      reason: null,
      mappings: ['project retail_dev -> retail_prod (outputs)', 'owner 1 -> 2'],
      owner: '2',
      resourceGroup: 'S_res',
      dataSource: 'retail_prod_mc',
      dryRun: true,
      landingState: 'committed',
      beforeHash: null,
      afterHash: 'b'.repeat(64),
      error: null,
    },
    {
      objectId: '2',
      kind: 'node',
      name: '<script>alert(1)</script>',
      destinationPath: 'x',
      wave: 5,
      action: 'create',
      outcome: 'failed',
      reason: 'the write failed',
      mappings: [],
      owner: null,
      resourceGroup: null,
      dataSource: null,
      dryRun: false,
      landingState: null,
      beforeHash: null,
      afterHash: 'c'.repeat(64),
      error: 'line1\nline2',
    },
    {
      objectId: '3',
      kind: 'table',
      name: '=cmd()',
      destinationPath: 't',
      wave: 1,
      action: 'unchanged',
      outcome: 'skipped',
      reason: 'unchanged: the destination already holds this version',
      mappings: [],
      owner: null,
      resourceGroup: null,
      dataSource: null,
      dryRun: false,
      landingState: null,
      beforeHash: 'd'.repeat(64),
      afterHash: 'd'.repeat(64),
      error: null,
    },
  ],
  settings: {
    profileName: 'dev-to-prod',
    mappings: [{ section: 'project', source: 'retail_dev', target: 'retail_prod' }],
    ownerRule: 'default',
    conflictPolicy: 'skip',
    commitRules: { resourceAutoCommit: true, fileAutoDeploy: false },
    dryRunRecurrence: 'Skip',
  },
};

describe('report formats', () => {
  it('JSON round-trips through the schema', () => {
    expect(importReportSchema.parse(JSON.parse(renderReportJson(report)))).toEqual(report);
  });

  it('CSV: BOM, CRLF, RFC 4180 quoting, one row per object, formulas neutralised', () => {
    const csv = renderReportCsv(report);
    expect(csv.startsWith('\uFEFFobject id,kind,name,')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(csv).toContain('"dwd_订单, ""x"""');
    expect(csv).toContain('"line1\nline2"');
    expect(csv).toContain(",'=cmd(),");
    expect(csv).toContain('project retail_dev -> retail_prod (outputs); owner 1 -> 2');
    expect(csvField(null)).toBe('');
    expect(csvField('plain')).toBe('plain');
  });

  it('HTML: self-contained, four sections, escaped, printable', () => {
    const html = renderReportHtml(report);
    for (const section of ['Basic information', 'Import results', 'Details', 'Import settings'])
      expect(html).toContain(`<h2>${section}</h2>`);
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Customer &lt;ACME&gt; &quot;go-live&quot;');
    expect(html).toContain('@media print');
    expect(html).toContain('Partially completed');
    expect(html).toContain('(dry run)');
    expect(html).toMatch(/<b>3<\/b>objects/);
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
});
