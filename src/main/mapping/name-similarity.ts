/**
 * Name similarity for mapping suggestions. Environment names are the usual difference between a source and a
 * destination (`retail_dev_mc` / `retail_prod_mc`, `mysql_orders` / `mysql_orders_prd`), so they are taken out before
 * comparing; what is left is compared by token overlap and by edit distance.
 */

/** Tokens that name an environment rather than a thing. */
export const environmentTokens = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'testing',
  'tst',
  'stg',
  'stage',
  'staging',
  'uat',
  'sit',
  'qa',
  'pre',
  'preprod',
  'prd',
  'prod',
  'production',
  'online',
  'daily',
]);

/** Lower-case tokens of a name, split on non-alphanumerics and camelCase humps. */
export function tokensOf(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/)
    .map((t) => t.toLowerCase())
    .filter((t) => t.length > 0);
}

/** Levenshtein distance (two rows; names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let curr = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

export interface Similarity {
  /** 0..1: 1 same name, 0.95 same but for case, 0.9 same but for the environment part, at most 0.75 otherwise. */
  score: number;
  reason: string;
}

/**
 * How alike two names are. `ignoreTokens` are dropped from both before comparing (e.g. the data source type, which
 * every name of that type may carry: `mysql_orders` vs `mysql_crm` share `mysql` and nothing else that matters).
 */
export function nameSimilarity(
  source: string,
  target: string,
  ignoreTokens: ReadonlySet<string> = new Set(),
): Similarity {
  if (source === target) return { score: 1, reason: 'same name' };
  if (source.toLowerCase() === target.toLowerCase())
    return { score: 0.95, reason: 'same name apart from letter case' };
  const all = (name: string) => tokensOf(name).filter((t) => !ignoreTokens.has(t));
  const sourceTokens = all(source);
  const targetTokens = all(target);
  const core = (tokens: string[]) => tokens.filter((t) => !environmentTokens.has(t));
  const env = (tokens: string[]) => tokens.filter((t) => environmentTokens.has(t)).join('_') || '(none)';
  const sourceCore = core(sourceTokens);
  const targetCore = core(targetTokens);
  if (sourceCore.length > 0 && sourceCore.join('_') === targetCore.join('_'))
    return {
      score: 0.9,
      reason: `same name apart from the environment part (${env(sourceTokens)} -> ${env(targetTokens)})`,
    };
  if (sourceCore.length === 0 || targetCore.length === 0) return { score: 0, reason: 'nothing in common' };
  const a = new Set(sourceCore);
  const b = new Set(targetCore);
  const common = [...a].filter((t) => b.has(t));
  const jaccard = common.length / new Set([...a, ...b]).size;
  const x = sourceCore.join('_');
  const y = targetCore.join('_');
  const edit = 1 - editDistance(x, y) / Math.max(x.length, y.length);
  const best = Math.max(jaccard, edit);
  const score = Math.round(0.75 * best * 100) / 100;
  if (score === 0) return { score: 0, reason: 'nothing in common' };
  const reason =
    jaccard >= edit && common.length > 0
      ? `names share ${common.map((t) => `"${t}"`).join(', ')}`
      : `similar names (${editDistance(x, y)} edit(s) apart once environment parts are dropped)`;
  return { score, reason };
}
