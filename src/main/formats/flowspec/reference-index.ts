import { referencePattern } from './flowspec-schema';
import { childPointer } from './json-pointer';

/** An entity that a `{{reference}}` can name, with where it sits in the document. */
export interface Located {
  value: Record<string, unknown>;
  pointer: string;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Spec collections a reference may name as `{{collection.id}}`. */
const collections = [
  'variables',
  'scripts',
  'triggers',
  'runtimeResources',
  'files',
  'artifacts',
  'datasources',
  'fileResources',
  'functions',
  'tables',
  'components',
  'dqcRules',
  'nodes',
  'workflows',
] as const;
export type Collection = (typeof collections)[number];

/**
 * Which collections a bare `{{id}}` is looked up in first, by the field it appears in. Ids are only unique
 * within a collection: the upstream real_case example has a script, a node and a table all named
 * `dw_open_api_invoke_log_details_analyse`, and `"script": "{{dw_open_api_invoke_log_details_analyse}}"`.
 */
export const preferredByField: Record<string, readonly Collection[]> = {
  script: ['scripts'],
  trigger: ['triggers'],
  runtimeResource: ['runtimeResources'],
  runtime: ['runtimeResources'],
  datasource: ['datasources'],
  parameters: ['variables'],
  variables: ['variables'],
  fileResources: ['fileResources'],
  functions: ['functions'],
  file: ['files'],
  tables: ['tables', 'artifacts'],
  nodeId: ['nodes', 'workflows'],
  nodes: ['nodes'],
};

/**
 * Every referable entity of one FlowSpec document, by collection and id, built in one pass so resolving is a
 * map lookup (`SpecDevUtil.parseRefId` semantics: `{{id}}` or `{{collection.id}}`).
 */
export class ReferenceIndex {
  private readonly byCollection = new Map<string, Map<string, Located>>();
  private readonly anywhere = new Map<string, Located>();

  add(collection: Collection, value: unknown, pointer: string): void {
    if (!isObj(value) || (typeof value.id !== 'string' && typeof value.id !== 'number')) return;
    const key = String(value.id);
    let map = this.byCollection.get(collection);
    if (!map) this.byCollection.set(collection, (map = new Map<string, Located>()));
    const located = { value, pointer };
    if (!map.has(key)) map.set(key, located);
    if (!this.anywhere.has(key)) this.anywhere.set(key, located);
  }

  /** Indexes a spec's own collections (`files` and `artifacts` may be objects of arrays in old examples). */
  addSpec(spec: Obj, specPointer: string): void {
    for (const collection of collections) {
      if (collection === 'nodes' || collection === 'workflows') continue;
      const value = spec[collection];
      const base = childPointer(specPointer, collection);
      if (Array.isArray(value)) value.forEach((item, i) => this.add(collection, item, childPointer(base, i)));
      else if (isObj(value)) {
        for (const [group, items] of Object.entries(value)) {
          if (!Array.isArray(items)) continue;
          const target: Collection = collection === 'artifacts' && group === 'tables' ? 'tables' : collection;
          items.forEach((item, i) => {
            this.add(target, item, childPointer(childPointer(base, group), i));
            if (target !== collection) this.add(collection, item, childPointer(childPointer(base, group), i));
          });
        }
      }
    }
  }

  /** The referenced id inside a `{{...}}` string, or null when the value is not a reference. */
  static refId(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    const match = referencePattern.exec(value);
    return match ? match[1] : null;
  }

  /** Resolves a reference string; undefined when nothing matches. */
  resolve(ref: string, field: string): Located | undefined {
    const dot = ref.indexOf('.');
    if (dot > 0) {
      const hit = this.byCollection.get(ref.slice(0, dot))?.get(ref.slice(dot + 1));
      if (hit) return hit;
    }
    for (const collection of preferredByField[field] ?? []) {
      const hit = this.byCollection.get(collection)?.get(ref);
      if (hit) return hit;
    }
    return this.anywhere.get(ref);
  }
}
