import { describe, expect, it } from 'vitest';
import { retainedHeap } from '../test-support/retained-heap';
import { dataIntegrationDatasources, resourceReferences } from './code-references';

/** A body of ~200,000 characters that names a resource and, in a job that is not valid JSON, a data source. */
const body = (i: number) =>
  `${'-- filler\n'.repeat(20_000)}--@resource_reference{"customer_segmentation_udf_${i}.jar"}\n{"datasource": "mysql_orders_production_${i}",`;

describe('code references', () => {
  it('finds the resources a body references, each once, in order', () => {
    const code =
      '--@resource_reference{"b.jar"}\n##@resource_reference{"a.py"}\n--@resource_reference{"b.jar"}\nSELECT 1;';
    expect(resourceReferences(code)).toEqual(['b.jar', 'a.py']);
    expect(resourceReferences('SELECT 1;')).toEqual([]);
  });

  it('names the data sources of a job that is not valid JSON, without types', () => {
    expect(dataIntegrationDatasources(body(7))).toEqual([{ name: 'mysql_orders_production_7', type: null }]);
  });

  it('does not keep the code alive through the names it found (they end up in problem messages)', () => {
    // 200 bodies: 40 MB of code, which an inspection must not hold on to once each body is checked.
    const { result: names, retained } = retainedHeap(() => {
      const found: string[] = [];
      for (let i = 0; i < 200; i += 1) {
        const code = body(i);
        found.push(...resourceReferences(code), ...dataIntegrationDatasources(code).map((d) => d.name));
      }
      return found;
    });
    expect(names).toContain('customer_segmentation_udf_199.jar');
    expect(names).toContain('mysql_orders_production_199');
    expect(retained).toBeLessThan(10_000_000);
  });
});
