import { expect, type Locator, type Page } from '@playwright/test';

/** The History screen: import tasks, saved profiles, and packages opened on this machine, newest first. */
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

  task(name: string): Locator {
    return this.page.getByRole('table', { name: 'Import tasks' }).getByRole('row').filter({ hasText: name });
  }

  async expectTask(name: string, state: string): Promise<void> {
    await expect(this.task(name)).toContainText(state);
  }

  async expectProfile(name: string): Promise<void> {
    await expect(this.page.getByRole('table', { name: 'Saved profiles' })).toContainText(name);
  }
}
