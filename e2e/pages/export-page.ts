import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's Export step: scope, the custom picker, the "objects to package" queue, writing the package. */
export class ExportPage {
  constructor(private readonly page: Page) {}

  get queue(): Locator {
    return this.page.getByRole('table', { name: 'Objects to package' });
  }

  async chooseType(type: 'Full' | 'Incremental' | 'Custom'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'What to export' })
      .getByText(type, { exact: true })
      .click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search objects').fill(text);
  }

  /** Picks an object by name and type (a node and its table often share the name). */
  async pick(name: string, type: string): Promise<void> {
    await this.search(name);
    const box = this.page.getByRole('checkbox', { name: `Pick ${name} (${type})`, exact: true });
    await box.check();
    await expect(box).toBeChecked();
  }

  async addDependencies(which: 'None' | 'Upstream' | 'Downstream' | 'Both'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Add dependencies' })
      .getByText(which, { exact: true })
      .click();
  }

  /** The count badge of the queue. */
  async expectQueueCount(count: number): Promise<void> {
    await expect(this.page.getByLabel(`${count} objects`, { exact: true })).toBeVisible();
  }

  /** A queued object with its change type and why it is there; scrolls the virtualised queue to find it. */
  async expectQueued(name: string, reason: string, change: string | RegExp = 'New'): Promise<void> {
    const row = this.queue.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
    await this.scrollUntil(row);
    await expect(row.first()).toContainText(reason);
    await expect(row.first()).toContainText(change);
  }

  async viewDetails(name: string): Promise<void> {
    const button = this.page.getByRole('button', { name: `View details of ${name}`, exact: true });
    await this.scrollUntil(button);
    await button.click();
    await expect(this.page.getByRole('dialog', { name: 'Object details' })).toBeVisible();
  }

  async closeDetails(): Promise<void> {
    await this.page
      .getByRole('dialog', { name: 'Object details' })
      .getByRole('button', { name: 'Close' })
      .click();
    await expect(this.page.getByRole('dialog', { name: 'Object details' })).toBeHidden();
  }

  async setPackageName(name: string): Promise<void> {
    await this.page.getByLabel('Package name').fill(name);
  }

  async write(): Promise<string> {
    await this.page.getByRole('button', { name: 'Write package' }).click();
    const done = this.page.getByRole('status').filter({ hasText: 'Package written' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    return (await done.textContent()) ?? '';
  }

  async inspectThisPackage(): Promise<void> {
    await this.page.getByRole('button', { name: 'Inspect this package' }).click();
    await expect(this.page.getByRole('heading', { name: 'Inspect', exact: true })).toBeVisible();
  }

  /** Virtualised lists render only what is in view: scroll the queue a screen at a time until `target` shows. */
  private async scrollUntil(target: Locator): Promise<void> {
    const scroller = this.queue.locator('xpath=..');
    await scroller.hover();
    for (let i = 0; i < 40 && (await target.count()) === 0; i++) {
      await this.page.mouse.wheel(0, 240);
      await this.page.waitForTimeout(50);
    }
    await expect(target.first()).toBeVisible();
  }
}
