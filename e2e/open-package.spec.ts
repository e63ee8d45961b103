import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ferryUrl, fixturesDir } from './ferry-url';
import { HistoryPage } from './pages/history-page';
import { OpenPackagePage } from './pages/open-package-page';

const sampleZip = path.join(fixturesDir, 'azkaban', 'sample_flow_01.zip');

test('opens the Azkaban sample by path, lists its 6 entries and finds it in History', async ({ page }, testInfo) => {
  await page.goto(ferryUrl().href);
  await expect(page).toHaveTitle(/Ferry/);
  const open = new OpenPackagePage(page);
  await open.goto();
  await open.openByPath(sampleZip);
  await open.expectEntryCount(6);
  await open.expectEntry('sample_flow_01/shell_bash.job');
  await open.expectEntry('sample_flow_01/sample_script.sh');
  await page.screenshot({ path: testInfo.outputPath('entries.png'), fullPage: true });

  const history = new HistoryPage(page);
  await history.goto();
  await history.expectPackage('sample_flow_01.zip');
  await page.screenshot({ path: testInfo.outputPath('history.png'), fullPage: true });
});

test('uploads a package from the browser and lists it', async ({ page }) => {
  await page.goto(ferryUrl().href);
  const open = new OpenPackagePage(page);
  await open.goto();
  await open.upload(path.join(fixturesDir, 'azkaban', 'basicFlow20Project.zip'));
  await open.expectEntry('basic.flow');
});

test('says what is wrong with a truncated package, and does not add it to History', async ({ page }, testInfo) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-bad-'));
  const truncated = path.join(dir, 'truncated-package.zip');
  fs.writeFileSync(truncated, fs.readFileSync(sampleZip).subarray(0, 600));
  await page.goto(ferryUrl().href);
  const open = new OpenPackagePage(page);
  await open.goto();
  await open.openByPath(truncated);
  await open.expectError(/truncated-package\.zip.*(truncated|corrupt)/);
  await page.screenshot({ path: testInfo.outputPath('error.png'), fullPage: true });
  const history = new HistoryPage(page);
  await history.goto();
  expect((await history.packageNames()).join('\n')).not.toContain('truncated-package.zip');
});

test('the backend refuses requests without the session token', async ({ request }) => {
  const url = ferryUrl();
  const reply = await request.post(`${url.origin}/api/call/history:packages`, { data: {} });
  expect(reply.status()).toBe(401);
  expect(await reply.json()).toMatchObject({ error: { code: 'unauthorized' } });
  const withToken = await request.post(`${url.origin}/api/call/history:packages`, {
    data: {},
    headers: { 'x-ferry-token': url.searchParams.get('token') ?? '' },
  });
  expect(withToken.status()).toBe(200);
});
