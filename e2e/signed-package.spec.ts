import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ferryUrl } from './ferry-url';
import { InspectPage } from './pages/inspect-page';
import { OpenPackagePage } from './pages/open-package-page';

const passphrase = 'correct horse battery staple';

/** The dev sample exported and signed by the CLI (the passphrase from the environment, as users give it). */
function signedSample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-signed-'));
  const out = path.join(dir, 'signed-dev.zip');
  execFileSync(
    process.execPath,
    ['dist/main/cli.cjs', 'export', 'resources/samples/dev', '-o', out, '--passphrase-env', 'FERRY_E2E_PASSPHRASE'],
    { env: { ...process.env, FERRY_HOME: path.join(dir, 'home'), FERRY_E2E_PASSPHRASE: passphrase } },
  );
  return out;
}

test('a signed package asks for its passphrase in Inspect, refuses a wrong one and opens with the right one', async ({
  page,
}, testInfo) => {
  const pkg = signedSample();
  await page.goto(ferryUrl().href);
  const open = new OpenPackagePage(page);
  await open.goto();
  await open.openByPath(pkg);
  await page.getByRole('button', { name: 'Inspect this package' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'is signed: give the passphrase shared with the source' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  const field = page.getByLabel('Passphrase');
  await field.fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock and inspect' }).click();
  await expect(page.getByText(/the signature does not match — wrong passphrase/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock and inspect' })).not.toHaveAttribute('data-loading');
  await page.waitForTimeout(300); // the button's loader fades out
  await page.screenshot({ path: testInfo.outputPath('wrong-passphrase.png'), fullPage: true });

  await field.fill(passphrase);
  await page.getByRole('button', { name: 'Unlock and inspect' }).click();
  const inspect = new InspectPage(page);
  await inspect.waitUntilReady();
  await inspect.expectObjectCount(80);
  await page.screenshot({ path: testInfo.outputPath('unlocked.png'), fullPage: true });
});
