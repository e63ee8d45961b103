import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test-support/fixtures';
import { parseDocument } from './flowspec-parser';
import { fastSpecificationCheck, specificationSchema } from './flowspec-schema';

/** Every FlowSpec document among the fixtures and the bundled samples, as (name, parsed specs). */
async function documents(): Promise<{ name: string; spec: unknown }[]> {
  const roots = [fixture('flowspec'), fixture('spec-package'), path.resolve('resources/samples')];
  const out: { name: string; spec: unknown }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const dirent of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) await walk(full);
      else if (/\.(json|ya?ml)$/.test(dirent.name)) {
        let data: unknown;
        try {
          data = parseDocument(await fs.readFile(full, 'utf8'), dirent.name);
        } catch {
          continue;
        }
        for (const spec of Array.isArray(data) ? data : [data]) out.push({ name: full, spec });
      }
    }
  };
  for (const root of roots) await walk(root);
  return out;
}

/** Copies of `value` with one field somewhere replaced by each of `replacements` (and each object field removed). */
function* mutations(value: unknown, replacements: unknown[]): Generator<unknown> {
  if (value === null || typeof value !== 'object') return;
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const key of keys) {
    const child = (value as Record<string | number, unknown>)[key];
    const withChild = (replacement: unknown): unknown => {
      if (Array.isArray(value)) return (value as unknown[]).map((item, i) => (i === key ? replacement : item));
      return { ...value, [key]: replacement };
    };
    for (const replacement of replacements) yield withChild(replacement);
    if (!Array.isArray(value)) {
      const { [key as string]: _removed, ...rest } = value as Record<string, unknown>;
      yield rest;
    }
    for (const inner of mutations(child, replacements)) yield withChild(inner);
  }
}

// One value of each kind the schemas tell apart (a plain string is also a bad {{reference}}).
const replacements = [null, Infinity, 'x', '{{ a.b }}', true, [1], { data: 'x' }, new Date(0)];

describe('fastSpecificationCheck', () => {
  it('accepts the real documents zod accepts (so the fast path is the one taken)', async () => {
    const docs = await documents();
    expect(docs.length).toBeGreaterThan(20);
    let accepted = 0;
    for (const { name, spec } of docs) {
      const zod = specificationSchema.safeParse(spec).success;
      const fast = fastSpecificationCheck(spec);
      if (fast) expect([name, zod]).toEqual([name, true]);
      if (zod && fast) accepted += 1;
      if (zod) expect([name, fast]).toEqual([name, true]);
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it('never accepts a mutated document that zod rejects', async () => {
    const docs = await documents();
    let checked = 0;
    let rejected = 0;
    for (const { name, spec } of docs.slice(0, 30)) {
      let perDocument = 0;
      // Large real exports repeat the same shapes node after node; the first mutations cover each shape.
      for (const mutated of mutations(spec, replacements)) {
        if (++perDocument > 1500) break;
        checked += 1;
        if (!fastSpecificationCheck(mutated)) continue;
        const zod = specificationSchema.safeParse(mutated);
        if (!zod.success) rejected += 1;
        if (!zod.success) expect({ name, mutated, issue: zod.error.issues[0] }).toBeUndefined();
      }
    }
    expect(checked).toBeGreaterThan(8_000);
    expect(rejected).toBe(0);
  });
});
