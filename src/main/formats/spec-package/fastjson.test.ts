import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../test-support/fixtures';
import { fastjson } from './fastjson';

/** Every .json file under a folder. */
async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(full)));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

describe('fastjson', () => {
  it('lays out like DataWorks: tabs, no space after the colon, empty objects on three lines', () => {
    expect(fastjson({ a: 1, b: [], c: {}, d: [{ e: 'x' }], skipped: undefined })).toBe(
      '{\n\t"a":1,\n\t"b":[],\n\t"c":{\n\t\t\n\t},\n\t"d":[\n\t\t{\n\t\t\t"e":"x"\n\t\t}\n\t]\n}',
    );
  });

  it('escapes strings and keys exactly as JSON.stringify does', () => {
    const texts = ['plain', 'a"b', 'c\\d', 'tab\there', '\u0001', 'lone \ud800', '😀', '键', '\u2028', ''];
    expect(fastjson(texts)).toBe(`[\n${texts.map((t) => `\t${JSON.stringify(t)}`).join(',\n')}\n]`);
    const keyed = Object.fromEntries(texts.map((t, i) => [t, i]));
    expect(fastjson(keyed)).toBe(`{\n${texts.map((t, i) => `\t${JSON.stringify(t)}:${i}`).join(',\n')}\n}`);
  });

  it('writes every JSON document of the shared fixtures back to the same value', async () => {
    const files = await jsonFiles(fixturesDir);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      let value: unknown;
      try {
        value = JSON.parse((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
      } catch {
        continue; // the fixtures hold deliberately broken files too
      }
      expect(JSON.parse(fastjson(value)), file).toEqual(value);
    }
  });
});
