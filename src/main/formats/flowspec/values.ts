/** Small readers for untyped document values; the schema has already checked the types. */

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A string, or a number written where a string id is usual (owners, ids); otherwise null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function obj(value: unknown): Obj | null {
  return isObj(value) ? value : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string that JSON.stringify would escape: quote, backslash, control character, or any surrogate. */
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as JSON.stringify writes it. Most strings of a document need no escaping, and skipping JSON.stringify
 * for those halves the time of laying out or hashing a document.
 */
export const jsonString = (text: string): string => (needsEscape.test(text) ? JSON.stringify(text) : `"${text}"`);

/** `"key":` for keys seen so far: keys repeat across documents. Capped: documents could hold any number of keys. */
const keyColons = new Map<string, string>();

/** A member's key as JSON, with its colon. */
export function jsonKeyColon(key: string): string {
  let quoted = keyColons.get(key);
  if (quoted === undefined) {
    quoted = `${jsonString(key)}:`;
    if (keyColons.size < 10_000) keyColons.set(key, quoted);
  }
  return quoted;
}

/**
 * A deep copy of a value parsed from JSON (objects, arrays, strings, numbers, booleans, null). Four times faster
 * than structuredClone on FlowSpec fragments, which an import copies once per object it writes.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) copy[i] = cloneJson(value[i]);
    return copy as T;
  }
  const copy: Obj = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Obj)[key]);
  return copy as T;
}

/** A shallow copy without the given keys (the copy shares every other value with the source). */
export function without(value: Obj, keys: readonly string[]): Obj {
  const copy: Obj = {};
  for (const key of Object.keys(value)) if (!keys.includes(key)) copy[key] = value[key];
  return copy;
}

/**
 * DataStudio folder from a FlowSpec `script.path`. Real exports put the asset's own name last
 * (`业务流程/flow/通用/shell节点`), the SPEC-package writer leaves it off, old examples give a file path
 * (`/path/to/file2.sql`): drop the last segment when it is the name or looks like a file name.
 */
export function folderFromPath(path: string | null, name: string): string {
  if (!path) return '';
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last !== undefined && (last === name || /\.[A-Za-z0-9]{1,8}$/.test(last))) segments.pop();
  return segments.join('/');
}
