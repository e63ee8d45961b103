import { expect, type Page } from '@playwright/test';

/** The wizard's Dry-run step: recurrence, rules with their counts, nodes marked one by one. */
export class DryRunPage {
  constructor(private readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Dry-run', exact: true })).toBeVisible();
  }

  async addRule(rule: {
    nodeType?: string;
    nameGlob?: string;
    folderGlob?: string;
    outputTablePattern?: string;
  }) {
    const labels = {
      nodeType: 'Node type',
      nameGlob: 'Name glob',
      folderGlob: 'Folder glob',
      outputTablePattern: 'Output table pattern',
    } as const;
    for (const [key, value] of Object.entries(rule)) {
      await this.page.getByLabel(labels[key as keyof typeof labels], { exact: true }).fill(value);
    }
    await this.page.getByRole('button', { name: 'Add rule' }).click();
  }

  async expectRuleMarks(ruleText: string, count: number): Promise<void> {
    const row = this.page
      .getByRole('table', { name: 'Dry-run rules' })
      .getByRole('row')
      .filter({ hasText: ruleText });
    await expect(row).toContainText(`${count} node`);
  }

  async markNode(name: string): Promise<void> {
    await this.page.getByLabel('Search nodes').fill(name);
    const box = this.page.getByRole('checkbox', { name: `Mark ${name} as dry run`, exact: true });
    await box.check();
    await expect(box).toBeChecked();
  }

  async expectMarked(total: number): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: `${total} nodes marked` })).toBeVisible();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next: Preview' }).click();
  }
}
