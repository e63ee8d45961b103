import { expect, type Locator, type Page } from '@playwright/test';

/** The wizard's Inspect step: tree, table, problems, and the detail pane with code and graph. */
export class InspectPage {
  constructor(private readonly page: Page) {}

  get detail(): Locator {
    return this.page.getByRole('region', { name: 'Object detail' });
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.page.getByRole('region', { name: 'Package summary' })).toBeVisible({ timeout: 30_000 });
  }

  async expectObjectCount(count: number): Promise<void> {
    await expect(this.page.getByRole('region', { name: 'Package summary' })).toContainText(`Objects${count}`);
  }

  async openTab(name: 'By workflow' | 'Table' | RegExp): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Browse the package' }).getByRole('tab', { name }).click();
  }

  async expandInTree(group: string): Promise<void> {
    await this.openTab('By workflow');
    const item = this.page.getByRole('treeitem', { name: group, exact: true });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    await expect(item).toHaveAttribute('aria-expanded', 'true');
  }

  async expectInTree(name: string): Promise<void> {
    await expect(this.page.getByRole('treeitem', { name, exact: true })).toBeVisible();
  }

  async selectInTree(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await this.expectDetailOf(name);
  }

  async expectInTable(name: string): Promise<void> {
    await this.openTab('Table');
    await expect(
      this.page
        .getByRole('table', { name: 'Objects' })
        .getByRole('button', { name: `Show ${name}`, exact: true }),
    ).toBeVisible();
  }

  async filterTable(search: string): Promise<void> {
    await this.openTab('Table');
    await this.page.getByLabel('Search objects').fill(search);
  }

  async expectDetailOf(name: string): Promise<void> {
    await expect(this.detail.getByRole('heading', { name, exact: true })).toBeVisible();
  }

  async expectCodeContains(name: string, text: string): Promise<void> {
    await this.detail.getByRole('tab', { name: 'Code' }).click();
    await expect(this.detail.getByRole('region', { name: `Code of ${name}` })).toContainText(text);
  }

  async openGraph(name: string): Promise<Locator> {
    await this.detail.getByRole('tab', { name: 'Dependencies' }).click();
    const graph = this.detail.getByRole('group', { name: `Dependency graph around ${name}` });
    await expect(graph).toBeVisible();
    return graph;
  }

  /** A neighbour in the graph, by name and relation (upstream/downstream). */
  graphNode(graph: Locator, name: string, relation: 'upstream' | 'downstream'): Locator {
    return graph.getByRole('button', { name: new RegExp(`^${name} \\(.*, ${relation}\\)$`) });
  }

  async openProblems(): Promise<Locator> {
    await this.openTab(/^Problems \(/);
    const list = this.page.getByRole('list', { name: 'Problems found' });
    await expect(list).toBeVisible();
    return list;
  }
}
