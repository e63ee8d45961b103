/**
 * Globs for dry-run rules and folder filters: `*` matches any run of characters except `/`, `**` matches anything
 * (slashes included), `?` one character except `/`. Matching is case-sensitive, like DataWorks names.
 */

const cache = new Map<string, RegExp>();

/** Compiles a glob into an anchored regular expression (cached: rules are matched against every node). */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i += 1;
        // `a/**/b` also matches `a/b`.
        if (glob[i + 1] === '/') {
          source = `${source.slice(0, -2)}(?:.*/)?`;
          i += 1;
        }
      } else source += '[^/]*';
    } else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'u');
  if (cache.size > 1000) cache.clear();
  cache.set(glob, re);
  return re;
}

/** True when `value` matches `glob` as a whole. */
export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
