/**
 * A tiny tokenizer for the code Ferry shows (SQL, shell, Python, JSON): keywords, strings, comments, numbers and
 * variables. It only splits text into typed pieces that the UI renders as <span>s, so nothing in the code is ever
 * interpreted as markup. Deliberately forgiving: an unclosed string or comment runs to the end of the line (or
 * text), never throws, and the tokens always join back to the exact input.
 */
export type TokenType = 'plain' | 'keyword' | 'string' | 'comment' | 'number' | 'variable' | 'punctuation';
export interface Token {
  type: TokenType;
  text: string;
}
export type CodeLanguage = 'sql' | 'shell' | 'python' | 'json' | 'plain';

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const sqlKeywords = words(`
  select from where and or not in is null as on join left right inner outer full cross union all distinct group by
  order having limit offset insert into overwrite table values update set delete create drop alter if exists
  partition partitioned stored lifecycle comment case when then else end with like between cast over lateral view
  asc desc true false external location tblproperties replace function using add jar file resource schema database
  primary key default int bigint string double decimal boolean datetime date timestamp varchar char map array struct
`);
const shellKeywords = words(`
  if then else elif fi for while until do done case esac in function return exit export local readonly set unset
  echo source shift break continue trap eval exec test true false
`);
const pythonKeywords = words(`
  and as assert async await break class continue def del elif else except finally for from global if import in is
  lambda nonlocal not or pass raise return try while with yield None True False self print
`);
const jsonKeywords = words('true false null');

interface Rules {
  keywords: Set<string>;
  caseInsensitive: boolean;
  lineComments: string[];
  blockComment: [string, string] | null;
  quotes: string[];
  tripleQuotes: boolean;
  variables: boolean;
}

const rules: Record<Exclude<CodeLanguage, 'plain'>, Rules> = {
  sql: {
    keywords: sqlKeywords,
    caseInsensitive: true,
    lineComments: ['--'],
    blockComment: ['/*', '*/'],
    quotes: ["'", '"', '`'],
    tripleQuotes: false,
    variables: true, // ${bizdate}, $[yyyymmdd-1]
  },
  shell: {
    keywords: shellKeywords,
    caseInsensitive: false,
    lineComments: ['#'],
    blockComment: null,
    quotes: ["'", '"'],
    tripleQuotes: false,
    variables: true,
  },
  python: {
    keywords: pythonKeywords,
    caseInsensitive: false,
    lineComments: ['#'],
    blockComment: null,
    quotes: ["'", '"'],
    tripleQuotes: true,
    variables: false,
  },
  json: {
    keywords: jsonKeywords,
    caseInsensitive: false,
    lineComments: [],
    blockComment: null,
    quotes: ['"'],
    tripleQuotes: false,
    variables: false,
  },
};

/** Maps what the backend calls a code language (or a file name) to one of ours. */
export function languageOf(name: string | null | undefined): CodeLanguage {
  const n = (name ?? '').toLowerCase();
  if (/python|pyodps|\.py$|^py/.test(n)) return 'python';
  if (/sql|odps|hive|holo|mysql|postgres/.test(n)) return 'sql';
  if (/shell|bash|\bsh\b|\.sh$/.test(n)) return 'shell';
  if (/json|^di$/.test(n)) return 'json';
  return 'plain';
}

const isWordStart = (c: string) => /[\p{L}_]/u.test(c);
const isWordPart = (c: string) => /[\p{L}\p{N}_]/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Splits `code` into tokens; `tokens.map(t => t.text).join('') === code` always holds. */
export function tokenize(code: string, language: CodeLanguage): Token[] {
  if (language === 'plain') return code ? [{ type: 'plain', text: code }] : [];
  const r = rules[language];
  const out: Token[] = [];
  const push = (type: TokenType, text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.type === type && type === 'plain') last.text += text;
    else out.push({ type, text });
  };
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    const lineComment = r.lineComments.find((m) => code.startsWith(m, i));
    if (lineComment && !(language === 'shell' && i > 0 && code[i - 1] === '$')) {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      push('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (r.blockComment && code.startsWith(r.blockComment[0], i)) {
      const end = code.indexOf(r.blockComment[1], i + r.blockComment[0].length);
      const stop = end === -1 ? n : end + r.blockComment[1].length;
      push('comment', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (r.tripleQuotes && (code.startsWith('"""', i) || code.startsWith("'''", i))) {
      const q = code.slice(i, i + 3);
      const end = code.indexOf(q, i + 3);
      const stop = end === -1 ? n : end + 3;
      push('string', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (r.quotes.includes(c)) {
      let j = i + 1;
      while (j < n && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' && language !== 'sql' ? 2 : 1;
      const stop = Math.min(n, j < n && code[j] === c ? j + 1 : j);
      push('string', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (r.variables && c === '$' && (code[i + 1] === '{' || code[i + 1] === '[')) {
      const close = code[i + 1] === '{' ? '}' : ']';
      const end = code.indexOf(close, i + 2);
      const newline = code.indexOf('\n', i);
      const stop = end === -1 || (newline !== -1 && newline < end) ? i + 2 : end + 1;
      push('variable', code.slice(i, stop));
      i = stop;
      continue;
    }
    if (r.variables && language === 'shell' && c === '$' && i + 1 < n && isWordStart(code[i + 1])) {
      let j = i + 1;
      while (j < n && isWordPart(code[j])) j++;
      push('variable', code.slice(i, j));
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '-' && language === 'json' && isDigit(code[i + 1] ?? ''))) {
      // A number only when not glued to a word (t1, v2_x stay plain).
      const prev = i > 0 ? code[i - 1] : '';
      if (!isWordPart(prev)) {
        const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(code.slice(i, i + 64));
        const text = match ? match[0] : c;
        if (!isWordPart(code[i + text.length] ?? '')) {
          push('number', text);
          i += text.length;
          continue;
        }
      }
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(code[j])) j++;
      const word = code.slice(i, j);
      const key = r.caseInsensitive ? word.toLowerCase() : word;
      push(r.keywords.has(key) ? 'keyword' : 'plain', word);
      i = j;
      continue;
    }
    push('plain', c);
    i += 1;
  }
  return out;
}
