import { expect, type Page } from '@playwright/test';

/** The wizard's Start step: samples, a workspace folder, a package, recent packages. */
export class StartPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Migration' }).click();
    await this.page
      .getByRole('navigation', { name: 'Migration steps' })
      .getByRole('button', { name: 'Start' })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Start a migration' })).toBeVisible();
  }

  async trySamples(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try the samples' }).click();
    await expect(this.page.getByRole('heading', { name: 'Export', exact: true })).toBeVisible();
  }

  async exportFromWorkspace(folder: string): Promise<void> {
    await this.page.getByLabel('Workspace folder on this machine').fill(folder);
    await this.page.getByRole('button', { name: 'Export from workspace' }).click();
  }
}
