import { jsonKeyColon, jsonString } from '../flowspec/values';

/** Indentation strings by depth, built once. */
const tabs: string[] = [''];
const tab = (depth: number): string => {
  while (tabs.length <= depth) tabs.push(`${tabs[tabs.length - 1]}\t`);
  return tabs[depth];
};

/**
 * JSON laid out the way DataWorks' SPEC-package writer lays it out (fastjson PrettyFormat): tabs, no space after
 * ':', no final newline, keys whose value is `undefined` left out, and an empty object written as `{`, an indented
 * empty line, `}`. Built by concatenation (one string per document, no intermediate arrays): an import or export
 * writes one document per description file. V8's `JSON.stringify(value, null, '\t')` plus a pass to drop the space
 * after each colon measured slower: its indenting path alone took as long as this whole function.
 */
export function fastjson(value: unknown, depth = 0): string {
  if (typeof value === 'string') return jsonString(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = tab(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i += 1)
      out += `${i === 0 ? '\n' : ',\n'}${inner}${fastjson(value[i], depth + 1)}`;
    return `${out}\n${tab(depth)}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out += `${first ? '\n' : ',\n'}${inner}${jsonKeyColon(key)}${fastjson(item, depth + 1)}`;
    first = false;
  }
  return first ? `{\n${inner}\n${tab(depth)}}` : `${out}\n${tab(depth)}}`;
}
