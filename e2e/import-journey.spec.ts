import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ferryUrl } from './ferry-url';
import { DryRunPage } from './pages/dryrun-page';
import { ExportPage } from './pages/export-page';
import { HistoryPage } from './pages/history-page';
import { ImportPage } from './pages/import-page';
import { InspectPage } from './pages/inspect-page';
import { MapPage } from './pages/map-page';
import { PreviewPage } from './pages/preview-page';
import { StartPage } from './pages/start-page';

/** carol: a member of prod with a deploy role; dave's objects fall back to her. */
const executor = '1107550004253790';

test('samples -> full export -> map -> dry-run rule -> preview gate, fixed -> import -> report -> history -> plan again is unchanged', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(name), fullPage: true });
  // An import writes into the destination: work on a copy of the prod sample, never the shipped one.
  const prod = testInfo.outputPath('prod');
  fs.cpSync(path.resolve('resources/samples/prod'), prod, { recursive: true });
  await page.goto(ferryUrl().href);

  // Start -> Export (full) -> Inspect.
  await new StartPage(page).trySamples();
  const exp = new ExportPage(page);
  await exp.chooseType('Full');
  const packageName = `retail-dev-full-${Date.now()}`;
  await exp.setPackageName(packageName);
  await exp.write();
  await exp.inspectThisPackage();
  await new InspectPage(page).waitUntilReady();
  await page.getByRole('button', { name: 'Next: Map' }).click();

  // Map: the prod sample is the default destination; suggestions pre-filled, one manual choice.
  const map = new MapPage(page);
  await map.expectShown();
  await expect(page.getByLabel('Destination workspace folder')).toHaveValue(/samples[\\/]prod$/);
  await map.setDestination(prod);
  await map.suggest();
  await map.expectSuggested('Compute resources', 'retail_dev_mc', 'retail_prod_mc');
  await map.expectSuggested('Data sources', 'mysql_crm', 'mysql_crm');
  await map.expectNeedsDecision('Data sources', 'mysql_legacy_erp');
  await map.expectNeedsDecision('Projects', 'finance_dev');
  await map.expectUnmapped('Data sources', 1);
  await map.choose('Data sources', 'mysql_orders', 'mysql_orders_prd');
  await map.setExecutor(executor);
  await shot('10-map.png');
  await map.next();

  // Dry-run: a rule, with its count.
  const dry = new DryRunPage(page);
  await dry.expectShown();
  await dry.addRule({ nodeType: 'HOLOGRES_SQL' });
  await dry.expectRuleMarks('HOLOGRES_SQL', 4);
  await dry.expectMarked(4);
  await shot('11-dryrun.png');
  await dry.next();

  // Preview: the gate lists what is unmapped and the conflict; Import is disabled.
  const preview = new PreviewPage(page);
  await preview.waitForPlan();
  await preview.expectGateItem('mysql_legacy_erp');
  await preview.expectGateItem('finance_dev');
  await expect(preview.importButton).toBeDisabled();
  expect(await preview.count('Dry-run')).toBe(4);
  await shot('12-preview-gate.png');
  const diff = await preview.openDiff('dwd_order_payments', 'ODPS_SQL');
  await expect(diff.locator('ins').first()).toContainText('retail_prod');
  await expect(diff.locator('del').first()).toContainText('retail_dev');
  await shot('13-preview-diff.png');
  await preview.closeDiff();
  const waves = await preview.openWaves();
  await expect(waves.getByRole('row').nth(1)).toContainText('Data sources');
  await preview.openObjects();

  // Fix them in Map (each link lands on its section), then the gate clears.
  await preview.fixInMap('mysql_legacy_erp');
  await expect(map.section('Data sources')).toBeInViewport();
  await map.ignore('mysql_legacy_erp');
  await map.ignore('finance_dev');
  await map.expectUnmapped('Data sources', 0);
  await map.expectUnmapped('Projects', 0);
  await map.setConflictPolicy('Skip ours');
  await map.saveProfile('dev-to-prod-e2e');
  // The profile goes out as YAML and comes back in unchanged.
  const yamlPath = testInfo.outputPath('dev-to-prod-e2e.yaml');
  expect(await map.exportYaml(yamlPath)).toBe('dev-to-prod-e2e.yaml');
  const yaml = fs.readFileSync(yamlPath, 'utf8');
  expect(yaml).toContain('mysql_orders_prd');
  expect(yaml).toContain('conflictPolicy: skip');
  await map.importYaml(yamlPath);
  await expect(map.row('Data sources', 'mysql_legacy_erp').getByRole('switch')).toBeChecked();
  await shot('14-map-fixed.png');
  await preview.goto();
  await preview.waitForPlan();
  await preview.expectGateClear();
  expect(await preview.count('Conflict')).toBe(0);
  await shot('15-preview-clear.png');
  await preview.toImport();

  // Import: the name rule as you type, then the report.
  const imp = new ImportPage(page);
  await imp.expectShown();
  await imp.typeName('dev to prod!');
  await imp.expectNameError(/may hold only letters, digits, underscore/);
  await shot('16-import-name.png');
  const taskName = `dev_to_prod.${Date.now()}`;
  await imp.start(taskName, 'e2e journey');
  expect(await imp.result('Failed')).toBe(0);
  const total = await imp.result('Objects');
  expect(total).toBeGreaterThan(70);
  await expect(imp.report.getByRole('table', { name: 'Report objects' })).toContainText('Succeeded');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  expect((await download).suggestedFilename()).toBe(`${taskName}-report.csv`);
  await shot('17-import-report.png');

  // History: the task is Completed.
  const history = new HistoryPage(page);
  await history.goto();
  await history.expectTask(taskName, 'Completed');
  await history.expectProfile('dev-to-prod-e2e');
  await shot('18-history.png');

  // A second plan: every object lands unchanged (nothing to create or update).
  await page.getByRole('link', { name: 'Migration' }).click();
  await imp.planAgain();
  await preview.waitForPlan();
  expect(await preview.count('Create')).toBe(0);
  expect(await preview.count('Update')).toBe(0);
  expect(await preview.count('Unchanged')).toBeGreaterThan(60);
  await shot('19-plan-again-unchanged.png');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await preview.openDiff('dwd_order_payments', 'ODPS_SQL');
  await shot('20-diff-dark.png');
});
