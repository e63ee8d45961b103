import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's Map step: destination, suggestions, one section per mapping kind, profiles and YAML. */
export class MapPage {
  constructor(private readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Map', exact: true })).toBeVisible();
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  async setDestination(path: string): Promise<void> {
    await this.page.getByLabel('Destination workspace folder').fill(path);
  }

  async suggest(): Promise<void> {
    await this.page.getByRole('button', { name: /^Suggest (mappings|again)$/ }).click();
    await expect(this.section('Data sources')).toBeVisible({ timeout: 30_000 });
  }

  row(section: string, source: string): Locator {
    return this.section(section)
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: source, exact: true }) });
  }

  async expectSuggested(section: string, source: string, target: string): Promise<void> {
    await expect(
      this.page.getByRole('combobox', { name: `Destination for ${source}`, exact: true }),
    ).toHaveValue(target);
    await expect(this.row(section, source).getByLabel(/^Suggested \(score/)).toBeVisible();
  }

  async expectNeedsDecision(section: string, source: string): Promise<void> {
    await expect(this.row(section, source).getByLabel(/^Needs a decision/)).toBeVisible();
  }

  async choose(section: string, source: string, target: string): Promise<void> {
    const field = this.page.getByRole('combobox', { name: `Destination for ${source}`, exact: true });
    // Cleared first: a choice is the user's even when it names what was suggested.
    await field.fill('');
    await field.fill(target);
    await field.press('Escape');
    await expect(field).toHaveValue(target);
    await expect(this.row(section, source).getByLabel(/^Suggested \(score/)).toHaveCount(0);
  }

  async ignore(source: string): Promise<void> {
    const toggle = this.page.getByRole('switch', { name: `Ignore ${source}`, exact: true });
    await toggle.check({ force: true });
    await expect(toggle).toBeChecked();
  }

  async expectUnmapped(section: string, count: number): Promise<void> {
    await expect(this.page.getByLabel(`${count} unmapped in ${section}`, { exact: true })).toBeVisible();
  }

  async setExecutor(account: string): Promise<void> {
    await this.page.getByLabel('Executor account').fill(account);
  }

  async setConflictPolicy(
    label: 'Refuse the import' | 'Skip ours' | 'Overwrite theirs' | 'Rename ours',
  ): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check({ force: true });
  }

  async saveProfile(name: string): Promise<void> {
    await this.page.getByLabel('Profile name').fill(name);
    await this.page.getByRole('button', { name: 'Save profile' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Saved profile ${name}.` })).toBeVisible();
  }

  /** Downloads the profile as YAML (an <a download> on a blob: URL) and returns where Playwright saved it. */
  async exportYaml(saveAs: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export profile YAML' }).click();
    const file = await download;
    await file.saveAs(saveAs);
    return file.suggestedFilename();
  }

  async importYaml(file: string): Promise<void> {
    await this.page.getByLabel('Import profile YAML').setInputFiles(file);
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next: Dry-run' }).click();
  }
}
