import { describe, expect, it } from 'vitest';
import { retainedHeap } from '../test-support/retained-heap';
import {
  dataIntegrationNames,
  findIdentifiers,
  identifierMatcher,
  ProjectRenamer,
  projectOfOutput,
  rewriteDataIntegrationNames,
  rewriteOutputString,
} from './code-rewrite';

const renames = new Map([
  ['retail_dev', 'retail_prod'],
  ['finance_dev', 'finance_prod'],
]);

describe('output strings', () => {
  it('finds and rewrites the project of <project>.<name> and <project>_root only', () => {
    expect(projectOfOutput('retail_dev.dwd_orders')).toBe('retail_dev');
    expect(projectOfOutput('retail_dev_root')).toBe('retail_dev');
    expect(projectOfOutput('5313477161063087695')).toBeNull();
    expect(rewriteOutputString('retail_dev.retail_dev_x', renames)).toBe('retail_prod.retail_dev_x');
    expect(rewriteOutputString('retail_dev_root', renames)).toBe('retail_prod_root');
    expect(rewriteOutputString('other.dwd', renames)).toBe('other.dwd');
  });
});

describe('ProjectRenamer', () => {
  const renamer = new ProjectRenamer(renames);
  it('rewrites whole identifiers only', () => {
    expect(renamer.rewrite('SELECT * FROM retail_dev.t JOIN finance_dev.p')).toBe(
      'SELECT * FROM retail_prod.t JOIN finance_prod.p',
    );
    expect(renamer.rewrite('`retail_dev`.`t` "retail_dev".t')).toBe('`retail_prod`.`t` "retail_prod".t');
    expect(renamer.rewrite('odps.retail_dev.default.t')).toBe('odps.retail_prod.default.t');
    expect(renamer.rewrite("o.get_table('x', project='retail_dev')")).toBe(
      "o.get_table('x', project='retail_prod')",
    );
    expect(renamer.rewrite('retail_dev_mc my_retail_dev retail_devx oss://retail-dev-landing')).toBe(
      'retail_dev_mc my_retail_dev retail_devx oss://retail-dev-landing',
    );
    expect(renamer.rewrite('retail_dev_root')).toBe('retail_prod_root');
  });
  it('does nothing when no project changes name', () => {
    const same = new ProjectRenamer(new Map([['p', 'p']]));
    expect(same.active).toBe(false);
    expect(same.rewrite('p.t')).toBe('p.t');
  });
});

describe('Data Integration names', () => {
  const job =
    '{"steps":[{"parameter":{"datasource":"mysql_orders","connection":[{"datasource" : "mysql_orders"}]}},{"parameter":{"datasource":"retail_dev_mc"}}],"extend":{"resourceGroup":"S_res_1"}}';
  it('lists data sources and resource groups', () => {
    expect(dataIntegrationNames(job)).toEqual({
      dataSources: ['mysql_orders', 'retail_dev_mc'],
      resourceGroups: ['S_res_1'],
    });
  });
  it('rewrites them in place, escaping the new names', () => {
    const out = rewriteDataIntegrationNames(
      job,
      (n) => (n === 'mysql_orders' ? 'mysql_"prd"' : n),
      (g) => `${g}_prod`,
    );
    expect(out).toBe(
      job.replaceAll('"mysql_orders"', '"mysql_\\"prd\\""').replace('"S_res_1"', '"S_res_1_prod"'),
    );
    expect(JSON.parse(out)).toMatchObject({ extend: { resourceGroup: 'S_res_1_prod' } });
  });
});

describe('names found in code', () => {
  it('do not keep the code they were found in alive', () => {
    const matcher = identifierMatcher(['company_data_warehouse_dev']);
    // 200 bodies of 200,000 characters: 40 MB of code, which the names must not hold on to once scanned.
    const { result: kept, retained } = retainedHeap(() => {
      const names: string[] = [];
      for (let i = 0; i < 200; i += 1) {
        const body = `${'-- filler\n'.repeat(20_000)}SELECT 1 FROM company_data_warehouse_dev.t_${i}; {"datasource": "mysql_orders_production_${i}"}`;
        names.push(...findIdentifiers(body, matcher), ...dataIntegrationNames(body).dataSources);
      }
      return names;
    });
    expect(kept).toContain('company_data_warehouse_dev');
    expect(kept).toContain('mysql_orders_production_199');
    expect(retained).toBeLessThan(10_000_000);
  });
});
