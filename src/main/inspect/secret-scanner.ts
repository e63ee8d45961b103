/**
 * Finds credentials in code and data source configs, and redacts them. The scan runs over every code body of a
 * package (100 MB for 20,000 nodes), so the regexes are compiled once and a cheap pre-check skips the text
 * when none of the trigger words occur. A hit carries where the secret value is and what kind it is, never
 * the value itself, so nothing downstream can leak it by accident.
 */

/** The mark that replaces a secret value. */
export const redactionMark = '••••';

export type SecretKind = 'credential' | 'access-key-id' | 'url-credentials' | 'private-key';

/** One secret: `start`/`end` delimit the value to hide; `label` names it without revealing it. */
export interface SecretHit {
  kind: SecretKind;
  start: number;
  end: number;
  /** 1-based line of the value. */
  line: number;
  /** Safe to show: the key name (`db.password`), `LTAI…`, the URL scheme, or the key type. */
  label: string;
}

/** Cheap pre-checks: each pattern runs only when its trigger occurs, so most code costs one or two scans. */
const keyTrigger = /pass|pwd|secret|token|api[_-]?key/i;

/**
 * `key = value` / `"key": "value"` / `key: value` where the key ends in a secret-like word. The value is quoted
 * (double, single, or JSON-escaped `\"` inside a config string) or bare; group 1 = keyword, 2 = quote after the
 * key, 3 = separator, 4..7 = value. The `d` flag gives each group's position.
 */
const keyValue =
  /(password|passwd|pwd|secret(?:[_-]?access)?(?:[_-]?key)?|token|api[_-]?key)(\\?["']?)[ \t]*([:=])(?!=)[ \t]*(?:\\"([^"\\\r\n]*)\\"|"((?:[^"\\\r\n]|\\.)*)"|'([^'\\\r\n]*)'|([^\s,;&"'(){}[\]<>\\]+))/dgi;
const keyChar = /[A-Za-z0-9_.-]/;
/** Alibaba Cloud AccessKey ids: `LTAI` and 12 to 28 letters or digits. */
const accessKeyId = /\bLTAI[0-9A-Za-z]{12,28}\b/g;
/**
 * `//user:password@host` after a `scheme:`, JDBC included (`jdbc:mysql://...`). Sticky and started at each
 * `://` found with indexOf: a scheme-first regex would be tried at every word of the text.
 */
const urlCredentials = /\/\/([^\s:/@'"]+):([^\s@/'"]+)@/y;
const schemeChar = /[A-Za-z0-9+.-]/;
/** Oracle thin JDBC: `jdbc:oracle:thin:user/password@host`. */
const oracleCredentials = /jdbc:oracle:thin:([^\s/@:'"]+)\/([^\s@'"]+)@/gi;
const privateKey = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----/g;

/** Values that are references or placeholders, not secrets. */
function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (/^(null|none|true|false|undefined|nil)$/i.test(value)) return true;
  if (/^[*•xX#.]+$/.test(value)) return true;
  // ${var}, $[date], {{param}}, %(name)s, #{expr}, <your-password>, $VAR
  return /^(\$|\{\{|%\(|#\{|<)/.test(value);
}

function lineAt(text: string, index: number, cache: { index: number; line: number }): number {
  // Hits come in increasing order per pattern; counting from the last position keeps this linear in practice.
  if (index < cache.index) cache = { index: 0, line: 1 };
  let line = cache.line;
  for (let i = cache.index; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  cache.index = index;
  cache.line = line;
  return line;
}

/** Every secret in `text`, sorted by position, overlapping hits merged into the first. */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const add: AddHit = (kind, start, end, label) => hits.push({ kind, start, end, line: 0, label });
  if (keyTrigger.test(text)) findKeyValues(text, add);
  if (text.includes('LTAI')) {
    for (const match of text.matchAll(accessKeyId))
      add('access-key-id', match.index, match.index + match[0].length, 'LTAI…');
  }
  if (text.includes('://')) findUrlCredentials(text, add);
  if (text.includes('jdbc:oracle')) {
    for (const match of text.matchAll(oracleCredentials)) {
      const password = match[2];
      if (isPlaceholder(password)) continue;
      const start = match.index + match[0].length - 1 - password.length;
      add('url-credentials', start, start + password.length, 'jdbc:oracle password');
    }
  }
  if (text.includes('PRIVATE KEY-----')) {
    for (const match of text.matchAll(privateKey)) {
      const bodyStart = match.index + match[0].length;
      const end = text.indexOf('-----END', bodyStart);
      add('private-key', bodyStart, end < 0 ? text.length : end, `${match[1]}PRIVATE KEY`.trim());
    }
  }
  return mergeHits(text, hits);
}

type AddHit = (kind: SecretKind, start: number, end: number, label: string) => void;

function findKeyValues(text: string, add: AddHit): void {
  for (const match of text.matchAll(keyValue)) {
    const [whole, keyword, keyQuote, separator] = match;
    const group = [4, 5, 6, 7].find((i) => match[i] !== undefined);
    if (group === undefined) continue;
    const value = match[group];
    if (isPlaceholder(value)) continue;
    if (group === 7) {
      // A bare value after ` = ` is code (`password = read_secret()`), after `"key":` a JSON non-string;
      // only `key=value` (properties, shell, URLs) and YAML `key: value` name a literal.
      const spaced = /\s/.test(whole.slice(keyword.length + keyQuote.length, whole.length - value.length));
      if (separator === '=' && spaced) continue;
      if (separator === ':' && (keyQuote !== '' || !spaced)) continue;
    }
    let keyStart = match.index;
    while (keyStart > 0 && keyChar.test(text[keyStart - 1])) keyStart--;
    const [start, end] = match.indices![group];
    add('credential', start, end, text.slice(keyStart, match.index + keyword.length));
  }
}

function findUrlCredentials(text: string, add: AddHit): void {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    urlCredentials.lastIndex = at + 1;
    const match = urlCredentials.exec(text);
    if (!match || isPlaceholder(match[2])) continue;
    let schemeStart = at;
    while (schemeStart > 0 && schemeChar.test(text[schemeStart - 1])) schemeStart--;
    if (schemeStart === at) continue;
    const start = match.index + match[0].length - 1 - match[2].length;
    add(
      'url-credentials',
      start,
      start + match[2].length,
      `${text.slice(schemeStart, at).split(':').pop()}:// password`,
    );
  }
}

/** Sorted by position, overlapping hits merged into the first, lines filled in. */
function mergeHits(text: string, hits: SecretHit[]): SecretHit[] {
  const lines = { index: 0, line: 1 };
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretHit[] = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end);
      continue;
    }
    hit.line = lineAt(text, hit.start, lines);
    merged.push(hit);
  }
  return merged;
}

/**
 * Replaces each secret value with {@link redactionMark}, keeping the key name, quotes and the rest of the text:
 * `password=hunter2` becomes `password=••••`. Pass the hits of {@link findSecrets} when already known.
 */
export function redactSecrets(text: string, hits: readonly SecretHit[] = findSecrets(text)): string {
  if (hits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const hit of hits) {
    out += text.slice(at, hit.start) + redactionMark;
    at = hit.end;
  }
  return out + text.slice(at);
}

/** Redacts secrets inside any JSON-able value (an asset's `original`) by redacting its JSON text. */
export function redactValue<T>(value: T): { value: T; redacted: boolean } {
  if (value === null || value === undefined) return { value, redacted: false };
  const json = JSON.stringify(value);
  const hits = findSecrets(json);
  if (hits.length === 0) return { value, redacted: false };
  try {
    return { value: JSON.parse(redactSecrets(json, hits)) as T, redacted: true };
  } catch {
    // A redaction that ran to the end of the text (an unterminated private key) broke the JSON: hide it all.
    return { value: redactionMark as T, redacted: true };
  }
}
