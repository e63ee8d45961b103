import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { FerryError } from '../../shared/errors';
import {
  WORKSPACE_FILE_NAME,
  WORKSPACE_SCHEMA_VERSION,
  workspaceConfigSchema,
  type WorkspaceConfig,
} from '../../shared/model/workspace';

/**
 * Reads and writes `workspace.json` in a local workspace folder. Messages name the file as `<folder>/workspace.json`
 * (the folder's own name, not the full path, which is in `details.file`) and the JSON path of the first problem.
 */

/** The path of the description file of a workspace folder. */
export function workspaceFilePath(folder: string): string {
  return path.join(folder, WORKSPACE_FILE_NAME);
}

/** How messages name the file: `dev/workspace.json`. */
export function workspaceFileLabel(folder: string): string {
  return `${path.basename(path.resolve(folder))}/${WORKSPACE_FILE_NAME}`;
}

/** True when `folder` is a folder holding a `workspace.json` file. Does not validate it; never throws. */
export async function isWorkspaceFolder(folder: string): Promise<boolean> {
  try {
    const [dir, file] = await Promise.all([fs.stat(folder), fs.stat(workspaceFilePath(folder))]);
    return dir.isDirectory() && file.isFile();
  } catch {
    return false;
  }
}

/** Reads and validates the `workspace.json` of a workspace folder. Throws {@link FerryError} with a one-line message. */
export async function readWorkspaceConfig(folder: string): Promise<WorkspaceConfig> {
  const file = workspaceFilePath(folder);
  const label = workspaceFileLabel(folder);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw fileError(error, folder, file, label);
  }
  return parseWorkspaceConfig(text, label, { file });
}

/**
 * Parses and validates the text of a `workspace.json`. The result keeps keys this version does not know and lists
 * every object's keys in the order of the text, so writing it back changes nothing that was not changed.
 */
export function parseWorkspaceConfig(
  text: string,
  label: string,
  details: Record<string, unknown> = {},
): WorkspaceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FerryError('malformed-document', `${label}: ${describeJsonError(text, error)}`, details);
  }
  const version = isRecord(raw) ? raw.schemaVersion : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > WORKSPACE_SCHEMA_VERSION) {
    throw new FerryError(
      'unsupported',
      `${label}: schemaVersion ${version} was written by a newer Ferry; this one reads up to ${WORKSPACE_SCHEMA_VERSION}`,
      details,
    );
  }
  const parsed = workspaceConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw validationError(label, parsed.error.issues, details);
  return orderLike(parsed.data, raw);
}

/**
 * Validates `config` and writes it to the folder's `workspace.json` atomically: a temporary file in the same folder,
 * flushed, then renamed over the old one, so a crash leaves the old file or the new one, never half of one.
 * Keys unknown to this version are written as they are.
 */
export async function writeWorkspaceConfig(folder: string, config: WorkspaceConfig): Promise<void> {
  const file = workspaceFilePath(folder);
  const label = workspaceFileLabel(folder);
  const parsed = workspaceConfigSchema.safeParse(config, { reportInput: true });
  if (!parsed.success) {
    const error = validationError(label, parsed.error.issues, { file });
    throw new FerryError('bad-request', `Refusing to write ${error.message}`, error.details);
  }
  const text = serializeWorkspaceConfig(orderLike(parsed.data, config));
  const temp = path.join(
    folder,
    `.${WORKSPACE_FILE_NAME}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(error, folder, file, label);
  }
  await syncFolder(folder);
}

/** The bytes Ferry writes: two-space JSON with a final newline. */
export function serializeWorkspaceConfig(config: WorkspaceConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

// Makes the rename durable where the platform allows opening a folder (not on Windows).
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

function fileError(error: unknown, folder: string, file: string, label: string): FerryError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const details = { file };
  if (code === 'ENOENT') {
    return new FerryError(
      'not-found',
      `${label}: not found (is ${path.basename(path.resolve(folder))} a workspace folder?)`,
      details,
    );
  }
  if (code === 'ENOTDIR') return new FerryError('not-found', `${label}: ${folder} is not a folder`, details);
  if (code === 'EISDIR') return new FerryError('not-a-file', `${label}: is a folder, not a file`, details);
  const reason = error instanceof Error ? error.message : String(error);
  return new FerryError('io', `${label}: ${reason}`, details);
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'is empty, expected a JSON object';
  const at = /at position (\d+)/.exec(message);
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  if (!at) return `is not valid JSON (${reason})`;
  const position = Number(at[1]);
  const before = text.slice(0, position).replace(/^\uFEFF/, '');
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `is not valid JSON at line ${line}, column ${column} (${reason})`;
}

function validationError(
  label: string,
  issues: readonly z.core.$ZodIssue[],
  details: Record<string, unknown>,
): FerryError {
  const problems = issues.map((issue) => describeIssue(issue));
  const first = issues[0];
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new FerryError('malformed-document', `${label}: ${problems[0]}${more}`, {
    ...details,
    path: first ? formatJsonPath(first.path) : '',
    problems,
  });
}

/** One issue as `resourceGroups[2].type must be "scheduling" or "data-integration"`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatJsonPath(issue.path);
  const subject = where === '' ? 'the document' : where;
  return `${subject} ${describeProblem(issue)}`;
}

function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${typeNoun(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be ${listChoices(issue.values)}${issue.input === undefined ? '' : `, not ${describeValue(issue.input)}`}`;
    case 'invalid_union':
      return issue.path.length >= 2 && issue.path[issue.path.length - 2] === 'config'
        ? 'must be a string, a number, true, false, null or { "secretRef": "<name>" }'
        : issue.message;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      if (issue.message.startsWith('Too small')) return `must be at least ${String(issue.minimum)}`;
      return issue.message;
    case 'too_big':
      if (issue.message.startsWith('Too big')) return `must be at most ${String(issue.maximum)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

function typeNoun(expected: string): string {
  switch (expected) {
    case 'int':
      return 'an integer';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'boolean':
      return 'true or false';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `an ${typeof value}`;
}

function listChoices(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  if (shown.length === 1) return shown[0];
  if (shown.length === 2) return `${shown[0]} or ${shown[1]}`;
  return `one of ${shown.join(', ')}`;
}

/** `['resourceGroups', 2, 'type']` as `resourceGroups[2].type`; keys that are not identifiers as `["…"]`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns `value` with the keys of every object in the order they have in `template` (the text that was read, or
 * the object a caller passed); keys the template lacks come last. Validation lists known keys first, and a round trip
 * should not reorder a file written by a newer version.
 */
function orderLike<T>(value: T, template: unknown): T {
  if (Array.isArray(value)) {
    const items = Array.isArray(template) ? template : [];
    return value.map((item: unknown, i) => orderLike(item, items[i])) as T;
  }
  if (!isRecord(value)) return value;
  const shape = isRecord(template) ? template : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) if (key in value) out[key] = orderLike(value[key], shape[key]);
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = orderLike(value[key], undefined);
  return out as T;
}
