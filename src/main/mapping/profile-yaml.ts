import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type ParsedNode,
} from 'yaml';
import { z } from 'zod';
import { FerryError } from '../../shared/errors';
import { mappingProfileSchema, type MappingProfile } from '../../shared/model/mapping-profile';
import { editDistance } from './name-similarity';
import { normaliseScalars, profileToYaml, type ProfileYamlOptions } from './profile-yaml-write';

export { profileToYaml, type ProfileYamlOptions } from './profile-yaml-write';

/**
 * Mapping profiles as commented YAML files (docs/mapping-profile.md).
 *
 * Reading is strict and safe: YAML 1.2 core schema, no tags at all (a `!!js/function` or `!custom` tag is an error,
 * not a string), duplicate keys refused, at most {@link MAX_ALIAS_COUNT} alias expansions (an alias bomb fails
 * fast), at most {@link MAX_PROFILE_BYTES}. Every problem becomes one line naming the file, line and key:
 * `dev-to-prod.yaml:12 computeResources[0].target: is required (or set ignore: true)`.
 *
 * Writing puts a comment on each section saying what it does and the values it allows, and one on each suggested
 * entry. Given the previous text of the file, it keeps the user's own comments on everything that did not change.
 */

export const MAX_ALIAS_COUNT = 20;
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** One problem in a profile file. */
export interface ProfileYamlIssue {
  /** 1-based; null when the problem has no place in the text (an empty file). */
  line: number | null;
  /** Key path, e.g. `computeResources[0].target`; '' for the whole document. */
  path: string;
  message: string;
  /** The full line: `<file>:<line> <path>: <message>`. */
  text: string;
}

/** `computeResources[0].target`, `owner.map.1107550004253821`. */
export function formatKeyPath(keys: readonly PropertyKey[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function issueLine(file: string, line: number | null, keyPath: string, message: string): ProfileYamlIssue {
  const where = line === null ? file : `${file}:${line}`;
  return { line, path: keyPath, message, text: `${where} ${keyPath === '' ? '' : `${keyPath}: `}${message}` };
}

/** The schema found at `keys` (through defaults, optionals, arrays, records), for listing allowed keys. */
function schemaAt(keys: readonly PropertyKey[]): z.ZodType | null {
  let schema: z.ZodType = mappingProfileSchema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let current = s;
    for (;;) {
      if (current instanceof z.ZodDefault || current instanceof z.ZodOptional)
        current = current.unwrap() as z.ZodType;
      else return current;
    }
  };
  schema = unwrap(schema);
  for (const key of keys) {
    if (schema instanceof z.ZodObject && typeof key === 'string') {
      const next = (schema.shape as Record<string, z.ZodType | undefined>)[key];
      if (!next) return null;
      schema = unwrap(next);
    } else if (schema instanceof z.ZodArray && typeof key === 'number')
      schema = unwrap(schema.element as z.ZodType);
    else if (schema instanceof z.ZodRecord) schema = unwrap(schema.valueType as z.ZodType);
    else return null;
  }
  return schema;
}

function allowedKeys(keys: readonly PropertyKey[]): string[] {
  const schema = schemaAt(keys);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function closest(word: string, choices: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const d = editDistance(word.toLowerCase(), choice.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [choice, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAtPath(input, issue.path);
      if (value === undefined) return 'is missing';
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
        return `must be a string, not ${describeValue(value)} (quote it: "${String(value)}")`;
      const noun =
        issue.expected === 'array'
          ? 'a list'
          : issue.expected === 'object'
            ? 'a mapping'
            : `a ${issue.expected}`;
      return `must be ${noun}, not ${describeValue(value)}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, not ${describeValue(valueAtPath(input, issue.path))}`;
    default:
      return issue.message;
  }
}

function valueAtPath(root: unknown, keys: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The line of the deepest node the path reaches (for a missing key, its parent). */
function lineOf(
  doc: Document.Parsed,
  counter: LineCounter,
  keys: readonly PropertyKey[],
  key?: string,
): number | null {
  let node: unknown = doc.contents;
  let line: number | null = null;
  const at = (n: unknown) => {
    const range = isNode(n) ? (n as ParsedNode).range : undefined;
    if (range) line = counter.linePos(range[0]).line;
  };
  at(node);
  for (const k of [...keys, ...(key === undefined ? [] : [key])]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      at(pair.key);
      node = pair.value;
      if (k === key) break;
      at(node);
    } else if (isSeq(node) && typeof k === 'number' && node.items[k] !== undefined) {
      node = node.items[k];
      at(node);
    } else break;
  }
  return line;
}

function fail(file: string, issues: ProfileYamlIssue[]): never {
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new FerryError('malformed-document', `${issues[0].text}${more}`, {
    file,
    problems: issues.map((i) => i.text),
    issues,
  });
}

/**
 * Parses and validates a profile file's text. `file` is how messages name it (usually the base name). Throws a
 * {@link FerryError} `malformed-document` whose message is the first problem and whose `details.problems` lists all.
 */
export function parseProfileYaml(text: string, file: string): MappingProfile {
  if (Buffer.byteLength(text, 'utf8') > MAX_PROFILE_BYTES)
    fail(file, [
      issueLine(file, null, '', `is larger than ${MAX_PROFILE_BYTES / 1024} KiB; a profile is a small file`),
    ]);
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter: counter,
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    intAsBigInt: true,
    prettyErrors: false,
    strict: true,
  });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => {
    const line = e.linePos?.[0].line ?? (e.pos ? counter.linePos(e.pos[0]).line : null);
    return issueLine(file, line, '', e.message.replace(/ at line \d+, column \d+.*$/s, ''));
  });
  if (syntax.length > 0) fail(file, syntax);
  const tags: ProfileYamlIssue[] = [];
  visit(doc, {
    Node(_key, node) {
      if (node.tag) {
        const range = (node as ParsedNode).range;
        tags.push(
          issueLine(
            file,
            range ? counter.linePos(range[0]).line : null,
            '',
            `tag ${node.tag ?? ''} is not allowed in a profile`,
          ),
        );
      }
    },
  });
  if (tags.length > 0) fail(file, tags);
  let raw: unknown;
  try {
    raw = normaliseScalars(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(file, [issueLine(file, null, '', `refused: ${reason}`)]);
  }
  if (raw === null || raw === undefined)
    fail(file, [issueLine(file, 1, '', 'is empty, expected a mapping profile')]);
  if (typeof raw !== 'object' || Array.isArray(raw))
    fail(file, [issueLine(file, 1, '', `must be a mapping, not ${describeValue(raw)}`)]);
  const record = raw as Record<string, unknown>;
  if (typeof record.schemaVersion === 'string' && /^\d+$/.test(record.schemaVersion))
    record.schemaVersion = Number(record.schemaVersion);
  if (typeof record.schemaVersion === 'number' && record.schemaVersion > 1)
    fail(file, [
      issueLine(
        file,
        lineOf(doc, counter, ['schemaVersion']),
        'schemaVersion',
        `${record.schemaVersion} was written by a newer Ferry; this one reads 1`,
      ),
    ]);

  const parsed = mappingProfileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Unknown keys first: they are typos, and usually the cause of a "missing" key next to them.
  const unknown: ProfileYamlIssue[] = [];
  const explained = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = allowedKeys(issue.path);
    for (const key of issue.keys) {
      const guess = closest(key, allowed);
      if (guess) explained.add(formatKeyPath([...issue.path, guess]));
      const hint = guess
        ? ` (did you mean ${guess}?)`
        : allowed.length
          ? ` (allowed: ${allowed.join(', ')})`
          : '';
      unknown.push(
        issueLine(
          file,
          lineOf(doc, counter, issue.path, key),
          formatKeyPath([...issue.path, key]),
          `unknown key${hint}`,
        ),
      );
    }
  }
  const others: ProfileYamlIssue[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys' || explained.has(formatKeyPath(issue.path))) continue;
    others.push(
      issueLine(file, lineOf(doc, counter, issue.path), formatKeyPath(issue.path), describeIssue(issue, raw)),
    );
  }
  const byLine = (a: ProfileYamlIssue, b: ProfileYamlIssue) => (a.line ?? 0) - (b.line ?? 0);
  fail(file, [...unknown.sort(byLine), ...others.sort(byLine)]);
}

/** Reads a profile file; messages name it by its base name. */
export async function readProfileFile(filePath: string): Promise<MappingProfile> {
  const label = path.basename(filePath);
  let text: string;
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) throw new FerryError('not-a-file', `${label}: is not a file`, { file: filePath });
    if (stat.size > MAX_PROFILE_BYTES)
      fail(label, [
        issueLine(
          label,
          null,
          '',
          `is larger than ${MAX_PROFILE_BYTES / 1024} KiB; a profile is a small file`,
        ),
      ]);
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (error instanceof FerryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FerryError('not-found', `${label}: no such file`, { file: filePath });
    throw new FerryError('io', `${label}: ${error instanceof Error ? error.message : String(error)}`, {
      file: filePath,
    });
  }
  return parseProfileYaml(text, label);
}

/**
 * Writes a profile file atomically (temporary file in the same folder, then rename), keeping the comments of the
 * file it replaces where values did not change.
 */
export async function writeProfileFile(
  filePath: string,
  profile: MappingProfile,
  options: Omit<ProfileYamlOptions, 'previous'> = {},
): Promise<void> {
  const previous = await fs.readFile(filePath, 'utf8').catch(() => null);
  const text = profileToYaml(profile, { ...options, previous });
  const temp = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await fs.writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(temp, filePath);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new FerryError(
      'io',
      `${path.basename(filePath)}: ${error instanceof Error ? error.message : String(error)}`,
      { file: filePath },
    );
  }
}
