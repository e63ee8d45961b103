import { expect, type Page } from '@playwright/test';

/** The History screen: packages opened on this machine, newest first. */
export class HistoryPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'History' }).click();
  }

  async expectPackage(fileName: string): Promise<void> {
    await expect(this.page.getByRole('row').filter({ hasText: fileName }).first()).toBeVisible();
  }

  async packageNames(): Promise<string[]> {
    return this.page.getByRole('row').allInnerTexts();
  }
}
