import type { AppliedMapping as PlanAppliedMapping } from '../../shared/model/plan';

/** An applied mapping as one field of one asset: how the mapping records it, and how version 1 plans held it. */
export interface FieldMapping {
  section: string;
  from: string;
  to: string;
  field: string | null;
  via: string | null;
}

/** What makes two applied mappings the same mapping (whatever fields they applied to). */
export function mappingKey(m: Pick<FieldMapping, 'section' | 'from' | 'to' | 'via'>): string {
  return `${m.section}\u0000${m.from}\u0000${m.to}\u0000${m.via === null ? '\u0001' : m.via}`;
}

/**
 * The applied mappings of one asset, one entry per (section, from, to, via) with every field it applied to, in the
 * order first seen. A node whose project is renamed lists it once, not once per field: for the 20,000-node bench
 * that is half the entries and a tenth of the plan file.
 */
export function groupedMappings(entries: Iterable<FieldMapping>): PlanAppliedMapping[] {
  const groups = new Map<string, PlanAppliedMapping>();
  for (const entry of entries) {
    const { section, from, to, field, via } = entry;
    const key = mappingKey(entry);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { section, from, to, fields: [], via }));
    if (field !== null && !group.fields.includes(field)) group.fields.push(field);
  }
  return [...groups.values()];
}

/**
 * The plan's forms of the mapping's per-asset lists of applied mappings (grouped, see groupedMappings), each made
 * once. The mapping records every distinct applied mapping once (Collector.apply), so the 20,000 objects of a plan
 * hold a handful of distinct lists between them: objects with the same list share one array, and equal groups are
 * one object. A list is known by its members' identities in order; equal but distinct members only cost a regrouping.
 * The arrays are shared: nothing may change them.
 */
export class PlanMappingForms<T extends object> {
  private readonly ids = new Map<T, number>();
  private readonly lists = new Map<string, PlanAppliedMapping[]>();
  private readonly groups = new Map<string, PlanAppliedMapping>();

  constructor(private readonly fieldOf: (applied: T) => FieldMapping) {}

  of(list: readonly T[] | undefined): PlanAppliedMapping[] {
    let key = '';
    for (const applied of list ?? []) {
      let id = this.ids.get(applied);
      if (id === undefined) this.ids.set(applied, (id = this.ids.size));
      key += `${id},`;
    }
    let form = this.lists.get(key);
    if (form === undefined) {
      form = groupedMappings((list ?? []).map(this.fieldOf)).map((group) => {
        const groupKey = `${mappingKey(group)}\u0000${group.fields.join('\u0000')}`;
        let shared = this.groups.get(groupKey);
        if (shared === undefined) this.groups.set(groupKey, (shared = group));
        return shared;
      });
      this.lists.set(key, form);
    }
    return form;
  }
}
