import { describe, expect, it } from 'vitest';
import { languageOf, tokenize, type Token } from './highlight';

const typed = (tokens: Token[], type: Token['type']) =>
  tokens.filter((t) => t.type === type).map((t) => t.text);

describe('highlight', () => {
  it('splits SQL into keywords, strings, comments, numbers and scheduling variables, losslessly', () => {
    const code =
      "-- daily\nSELECT a, 'x''s' AS s, 42 FROM t1 /* note */ WHERE ds = '${bizdate}' AND n > 3.5;";
    const tokens = tokenize(code, 'sql');
    expect(tokens.map((t) => t.text).join('')).toBe(code);
    expect(typed(tokens, 'comment')).toEqual(['-- daily', '/* note */']);
    expect(typed(tokens, 'keyword')).toEqual(['SELECT', 'AS', 'FROM', 'WHERE', 'AND']);
    expect(typed(tokens, 'number')).toEqual(['42', '3.5']);
    expect(typed(tokens, 'string')).toContain("'${bizdate}'");
  });

  it('knows shell variables and comments, python triple quotes and JSON literals', () => {
    const sh = tokenize('echo "$HOME" # done\nexit $?', 'shell');
    expect(typed(sh, 'comment')).toEqual(['# done']);
    expect(typed(sh, 'keyword')).toEqual(['echo', 'exit']);
    const py = tokenize('def f():\n    """doc\nmore"""\n    return None', 'python');
    expect(typed(py, 'string')).toEqual(['"""doc\nmore"""']);
    expect(typed(py, 'keyword')).toEqual(['def', 'return', 'None']);
    const json = tokenize('{"a": -1.5e3, "b": true, "c": null}', 'json');
    expect(typed(json, 'number')).toEqual(['-1.5e3']);
    expect(typed(json, 'keyword')).toEqual(['true', 'null']);
  });

  it('never loses text on unclosed strings, markup-looking code or unknown languages', () => {
    for (const code of ["select '<script>alert(1)</script>", '/* open', '"""', '$[', '']) {
      for (const lang of ['sql', 'shell', 'python', 'json', 'plain'] as const) {
        expect(
          tokenize(code, lang)
            .map((t) => t.text)
            .join(''),
        ).toBe(code);
      }
    }
  });

  it('maps backend language names', () => {
    expect(languageOf('odps-sql')).toBe('sql');
    expect(languageOf('python3')).toBe('python');
    expect(languageOf('shell')).toBe('shell');
    expect(languageOf('json')).toBe('json');
    expect(languageOf(null)).toBe('plain');
  });
});
