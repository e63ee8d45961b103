import type { Asset } from '../../shared/model/asset';
import type { DryRunRule, DryRunSettings } from '../../shared/model/mapping-profile';
import { globMatch } from './glob';

/**
 * Dry-run marking: which nodes land with recurrence Skip (scheduled, reporting success without running code) or
 * Pause. Nodes are marked one by one or in batch (`settings.nodes`, asset ids) or by rule (`settings.rules`).
 * Only assets of kind `node` can be marked; workflows carry no recurrence of their own in a SPEC package.
 */

/** How many nodes one rule marks, for the UI next to the rule. */
export interface DryRunRuleCount {
  index: number;
  rule: DryRunRule;
  /** Nodes this rule matches (a node matched by several rules counts for each). */
  count: number;
  nodeIds: string[];
}

export interface DryRunMarking {
  /** Every marked node id, in package order. */
  marked: string[];
  /** Ids from `settings.nodes` that are nodes of the package. */
  explicit: string[];
  /** Ids from `settings.nodes` that are not nodes of this package (stale profile, or a workflow id). */
  unknownIds: string[];
  rules: DryRunRuleCount[];
}

/** The `<project>.<table>` strings a node writes: its non-default outputs of that shape (DataWorks convention). */
export function outputTablesOf(asset: Pick<Asset, 'outputs'>): string[] {
  const tables: string[] = [];
  for (const output of asset.outputs) {
    if (output.isDefault === true) continue;
    if (/^[A-Za-z][A-Za-z0-9_]*\.[^.]+$/.test(output.data)) tables.push(output.data);
  }
  return tables;
}

/**
 * True when the node matches every criterion the rule gives. `outputTablePattern` is a glob matched against each
 * output table as `<project>.<table>` when the pattern holds a dot, else against the `<table>` part only.
 */
export function matchesDryRunRule(asset: Asset, rule: DryRunRule): boolean {
  if (asset.kind !== 'node') return false;
  if (rule.nodeType && asset.nodeType?.toUpperCase() !== rule.nodeType.toUpperCase()) return false;
  if (rule.nameGlob && !globMatch(rule.nameGlob, asset.name)) return false;
  if (rule.folderGlob && !globMatch(rule.folderGlob, asset.folderPath)) return false;
  if (rule.outputTablePattern) {
    const pattern = rule.outputTablePattern;
    const qualified = pattern.includes('.');
    const tables = outputTablesOf(asset).map((t) => (qualified ? t : t.slice(t.indexOf('.') + 1)));
    if (!tables.some((t) => globMatch(pattern, t))) return false;
  }
  return true;
}

/** Applies the dry-run settings to a package's assets: what is marked, and by what. */
export function markDryRun(
  assets: readonly Asset[],
  settings: Pick<DryRunSettings, 'nodes' | 'rules'>,
): DryRunMarking {
  const nodes = assets.filter((a) => a.kind === 'node');
  const nodeIds = new Set(nodes.map((n) => n.id));
  const wanted = new Set(settings.nodes);
  const explicit = settings.nodes.filter((id) => nodeIds.has(id));
  const unknownIds = settings.nodes.filter((id) => !nodeIds.has(id));
  const rules: DryRunRuleCount[] = settings.rules.map((rule, index) => {
    const matched = nodes.filter((n) => matchesDryRunRule(n, rule)).map((n) => n.id);
    return { index, rule, count: matched.length, nodeIds: matched };
  });
  const byRule = new Set(rules.flatMap((r) => r.nodeIds));
  const marked = nodes.filter((n) => wanted.has(n.id) || byRule.has(n.id)).map((n) => n.id);
  return { marked, explicit, unknownIds, rules };
}

/** Returns settings with `ids` marked one by one or in batch (no duplicates; order of first marking kept). */
export function markNodes<T extends Pick<DryRunSettings, 'nodes'>>(settings: T, ids: readonly string[]): T {
  const nodes = [...settings.nodes];
  const seen = new Set(nodes);
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    nodes.push(id);
  }
  return { ...settings, nodes };
}

/** Returns settings with `ids` no longer marked individually (a rule may still mark them). */
export function unmarkNodes<T extends Pick<DryRunSettings, 'nodes'>>(settings: T, ids: readonly string[]): T {
  const drop = new Set(ids);
  return { ...settings, nodes: settings.nodes.filter((id) => !drop.has(id)) };
}
