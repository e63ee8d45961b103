import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's Import step: task name (checked as you type), remarks, progress, then the report. */
export class ImportPage {
  constructor(private readonly page: Page) {}

  get nameField(): Locator {
    return this.page.getByLabel('Import task name');
  }

  get report(): Locator {
    return this.page.getByRole('region', { name: 'Import report' });
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  }

  async typeName(name: string): Promise<void> {
    await this.nameField.fill(name);
  }

  async expectNameError(text: string | RegExp): Promise<void> {
    await expect(this.nameField).toHaveAttribute('aria-invalid', 'true');
    await expect(this.page.getByText(text)).toBeVisible();
    await expect(this.page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  }

  async start(name: string, remarks = ''): Promise<void> {
    await this.typeName(name);
    await expect(this.nameField).not.toHaveAttribute('aria-invalid', 'true');
    if (remarks) await this.page.getByLabel('Remarks').fill(remarks);
    await this.page.getByRole('button', { name: 'Start import' }).click();
    await expect(this.report).toBeVisible({ timeout: 60_000 });
  }

  async result(label: 'Objects' | 'Succeeded' | 'Failed' | 'Skipped'): Promise<number> {
    const card = this.page
      .getByRole('region', { name: 'Import results' })
      .getByLabel(new RegExp(`^${label} \\d+$`));
    return Number(((await card.getAttribute('aria-label')) ?? '').split(' ').at(-1));
  }

  async planAgain(): Promise<void> {
    await this.page.getByRole('button', { name: /^Plan again/ }).click();
  }
}
