import { expect, type Page } from '@playwright/test';

/** The "Open package" step: open a package by path or upload, then read its entries. */
export class OpenPackagePage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Open package' }).click();
  }

  async openByPath(filePath: string): Promise<void> {
    await this.page.getByLabel('Package path on this machine').fill(filePath);
    await this.page.getByRole('button', { name: 'Open', exact: true }).click();
  }

  async upload(filePath: string): Promise<void> {
    await this.page.getByLabel('Upload a package').setInputFiles(filePath);
  }

  async expectEntryCount(count: number): Promise<void> {
    await expect(this.page.getByText(`${count} entries`, { exact: false }).first()).toBeVisible();
  }

  async expectEntry(name: string): Promise<void> {
    await expect(this.page.getByRole('row').filter({ hasText: name }).first()).toBeVisible();
  }

  async expectError(text: RegExp): Promise<void> {
    await expect(this.page.getByRole('alert').filter({ hasText: text })).toBeVisible();
  }
}
