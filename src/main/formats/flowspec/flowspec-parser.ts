import YAML from 'yaml';
import { FerryError } from '../../../shared/errors';

/**
 * YAML aliases expand into shared subtrees; a few nested ones can make a tiny file expand to gigabytes (the
 * "billion laughs" attack). Real FlowSpec YAML uses none, so a low cap costs nothing.
 */
const maxAliasCount = 50;

export type DocumentSyntax = 'json' | 'yaml';

/** Picks the syntax from the file name; anything not `.yaml`/`.yml` is treated as JSON. */
export function syntaxOf(entry: string): DocumentSyntax {
  return /\.ya?ml$/i.test(entry) ? 'yaml' : 'json';
}

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}

/** V8's JSON messages quote the source (over several lines); keep one line and turn positions into line/column. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const head = message.split(/[,(]? "|\n/)[0].replace(/ in JSON at position \d+.*$/, '').trim();
  if (position) return `${head} at ${lineAndColumn(text, Number(position[1]))}`;
  return head || 'invalid JSON';
}

/**
 * Parses a FlowSpec document as JSON or YAML into plain data. Syntax errors, duplicate YAML keys and alias bombs
 * become `malformed-document` errors whose one-line message names the entry and where the problem is.
 */
export function parseDocument(text: string, entry: string, syntax: DocumentSyntax = syntaxOf(entry)): unknown {
  if (text.trim() === '') throw new FerryError('malformed-document', `${entry}: the document is empty`);
  if (syntax === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new FerryError('malformed-document', `${entry}: not valid JSON: ${describeJsonError(text, error)}`);
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new FerryError('malformed-document', `${entry}: not valid YAML: ${reason}${where}`);
  }
  try {
    return doc.toJS({ maxAliasCount }) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const bomb = /alias/i.test(reason);
    throw new FerryError(
      'malformed-document',
      bomb ? `${entry}: YAML aliases expand too much (more than ${maxAliasCount} alias uses), refusing a possible alias bomb` : `${entry}: not valid YAML: ${reason}`,
    );
  }
}
