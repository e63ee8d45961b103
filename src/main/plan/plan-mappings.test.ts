import { describe, expect, it } from 'vitest';
import { PlanMappingForms, type FieldMapping } from './plan-mappings';

const rename = (field: string): FieldMapping => ({
  section: 'projects',
  from: 'retail_dev',
  to: 'retail_prod',
  field,
  via: null,
});
const group = (field: string): FieldMapping => ({
  section: 'resourceGroups',
  from: 'g_dev',
  to: 'g_prod',
  field,
  via: null,
});

describe('PlanMappingForms', () => {
  it('groups a list once and gives objects with the same list the same array', () => {
    const forms = new PlanMappingForms<FieldMapping>((m) => m);
    const [outputs, inputs, code, rg] = [
      rename('outputs'),
      rename('inputs'),
      rename('code'),
      group('resourceGroup'),
    ];
    const first = forms.of([outputs, inputs, rg, code]);
    expect(first).toEqual([
      {
        section: 'projects',
        from: 'retail_dev',
        to: 'retail_prod',
        fields: ['outputs', 'inputs', 'code'],
        via: null,
      },
      { section: 'resourceGroups', from: 'g_dev', to: 'g_prod', fields: ['resourceGroup'], via: null },
    ]);
    expect(forms.of([outputs, inputs, rg, code])).toBe(first);
    // Another order is another list (fields keep the order they were applied in); equal groups are still shared.
    const reordered = forms.of([rg, outputs, inputs, code]);
    expect(reordered).not.toBe(first);
    expect(reordered).toEqual([first[1], first[0]]);
    expect(reordered[0]).toBe(first[1]);
    // Equal records that are distinct objects give an equal form.
    expect(forms.of([rename('outputs'), rename('inputs'), group('resourceGroup'), rename('code')])).toEqual(
      first,
    );
    expect(forms.of(undefined)).toEqual([]);
    expect(forms.of([])).toBe(forms.of(undefined));
  });
});
