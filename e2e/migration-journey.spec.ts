import { expect, test } from '@playwright/test';
import { ferryUrl } from './ferry-url';
import { ExportPage } from './pages/export-page';
import { HistoryPage } from './pages/history-page';
import { InspectPage } from './pages/inspect-page';
import { StartPage } from './pages/start-page';

test('samples -> custom export with upstream dependencies -> inspect -> history', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // From the top: a full-page shot of a scrolled page draws the fixed header mid-page.
  const shot = async (name: string) => {
    await page.mouse.move(0, 0);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: testInfo.outputPath(name), fullPage: true });
  };
  await page.goto(ferryUrl().href);

  // Start: one click into the dev sample.
  const start = new StartPage(page);
  await expect(page.getByRole('button', { name: 'Try the samples' })).toBeVisible();
  // The e2e tests share one backend, so History may already hold packages from another journey; the empty
  // state itself is covered by the Start screen's unit test.
  await shot('1-start.png');
  await start.trySamples();

  // Export: one node, with what it needs upstream.
  const exp = new ExportPage(page);
  await exp.chooseType('Custom');
  await exp.pick('dwd_order_payments', 'ODPS_SQL');
  await exp.addDependencies('Upstream');
  // dwd_order_payments <- dwd_orders <- dw_start <- ingest_done <- ... the whole retail_ingest flow, its four data
  // sources (one file each: the dev sample is a basic-mode workspace, one environment), the two workflows and the
  // two quality rules on dwd_orders: 22 objects (the CLI export of the same scope agrees).
  await exp.expectQueueCount(22);
  // The journeys share one backend: when another journey already exported the dev sample, its objects are
  // "Unchanged" since that export rather than "New".
  const sinceLastExport = /New|Unchanged/;
  await exp.expectQueued('dwd_order_payments', 'Picked', sinceLastExport);
  await exp.expectQueued('dwd_orders', 'Upstream', sinceLastExport);
  await exp.expectQueued('ingest_start', 'Upstream', sinceLastExport);
  await expect(exp.queue).not.toContainText('dws_sales_daily'); // downstream of dwd_orders: not asked for
  await shot('2-export-queue.png');
  await exp.viewDetails('dwd_orders');
  await expect(page.getByRole('region', { name: 'Code of dwd_orders' })).toContainText(/insert/i);
  await shot('3-export-details.png');
  await exp.closeDetails();

  const packageName = `dwd-order-payments-${Date.now()}`;
  await exp.setPackageName(packageName);
  const done = await exp.write();
  expect(done).toContain(`${packageName}.zip`);
  expect(done).toContain('22 objects');
  await shot('4-export-written.png');
  await exp.inspectThisPackage();

  // Inspect: tree, table, detail with code, graph, problems.
  const inspect = new InspectPage(page);
  await inspect.waitUntilReady();
  await inspect.expectObjectCount(22);
  await inspect.expandInTree('retail_dw');
  await inspect.expectInTree('dwd_orders');
  await inspect.selectInTree('dwd_order_payments');
  await inspect.expectCodeContains('dwd_order_payments', 'finance_dev.dwd_payments');
  await shot('5-inspect-code.png');

  const graph = await inspect.openGraph('dwd_order_payments');
  const upstream = inspect.graphNode(graph, 'dwd_orders', 'upstream');
  await expect(upstream).toBeVisible();
  await expect(graph.getByRole('img', { name: /finance_dev\.dwd_payments/ })).toBeVisible();
  await shot('6-inspect-graph.png');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await upstream.click();
  await inspect.expectDetailOf('dwd_orders');

  await inspect.expectInTable('ingest_start');
  await inspect.filterTable('di_ods');
  await inspect.expectInTable('di_ods_orders');
  await expect(page.getByText('7 objects', { exact: true })).toBeVisible();
  await shot('7-inspect-table.png');

  const problems = await inspect.openProblems();
  const crossProject = problems.getByRole('listitem').filter({ hasText: 'finance_dev.dwd_payments' });
  await expect(crossProject).toContainText('external-dependency');
  await expect(crossProject).toContainText('Warning');
  await crossProject.getByRole('button', { name: /^Show object/ }).click();
  await inspect.expectDetailOf('dwd_order_payments');
  await shot('8-inspect-problems.png');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await inspect.openGraph('dwd_order_payments');
  await shot('8b-inspect-dark.png');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();

  // History lists the package the export wrote.
  const history = new HistoryPage(page);
  await history.goto();
  await history.expectPackage(`${packageName}.zip`);
  await shot('9-history.png');
});
