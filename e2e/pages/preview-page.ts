import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's Preview step: summary, the gate with its links to Map, objects, diffs, waves, save. */
export class PreviewPage {
  constructor(private readonly page: Page) {}

  get gate(): Locator {
    return this.page.getByRole('region', { name: 'Import gate' });
  }

  get importButton(): Locator {
    return this.page.getByRole('button', { name: 'Next: Import' });
  }

  async goto(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Migration steps' })
      .getByRole('button', { name: 'Preview' })
      .click();
  }

  async waitForPlan(): Promise<void> {
    await expect(this.page.getByRole('region', { name: 'Plan summary' })).toBeVisible({ timeout: 60_000 });
  }

  async count(label: string): Promise<number> {
    const card = this.page
      .getByRole('region', { name: 'Plan summary' })
      .getByLabel(new RegExp(`^${label} \\d+$`));
    const text = (await card.getAttribute('aria-label')) ?? '';
    return Number(text.split(' ').at(-1));
  }

  async expectGateItem(source: string): Promise<void> {
    await expect(this.gate.getByRole('list', { name: 'What blocks the import' })).toContainText(source);
  }

  async fixInMap(source: string): Promise<void> {
    await this.gate.getByRole('button', { name: `Fix ${source} in Map` }).click();
  }

  async expectGateClear(): Promise<void> {
    await expect(this.gate.getByText('Nothing blocks the import')).toBeVisible();
  }

  async openDiff(name: string, type: string): Promise<Locator> {
    await this.page.getByLabel('Search plan objects').fill(name);
    await this.page
      .getByRole('button', { name: `Show the code diff of ${name} (${type})`, exact: true })
      .click();
    const diff = this.page.getByRole('region', { name: `Diff of ${name}` });
    await expect(diff).toBeVisible();
    return diff;
  }

  async closeDiff(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByLabel('Search plan objects').fill('');
  }

  async openWaves(): Promise<Locator> {
    await this.page.getByRole('tab', { name: /^Wave order/ }).click();
    return this.page.getByRole('table', { name: 'Wave order' });
  }

  async openObjects(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Objects' }).click();
  }

  async toImport(): Promise<void> {
    await expect(this.importButton).toBeEnabled();
    await this.importButton.click();
  }
}
