import type { Dependency } from '../../../shared/model/asset';

/**
 * What Ferry reads from a DataQuality rule (FlowSpec `spec.dqcRules[]`, kind `DataQuality`): the table it checks,
 * the scheduling node it is attached to, and which of its settings are alert / notification settings. Those never
 * travel to another workspace (DataWorks keeps subscriptions per workspace), so the plan names them and the importer
 * leaves them out of what it writes. Everything else stays in the asset's `original`, unchanged.
 */

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Keys of alert / notification settings, at the top of a rule or inside its `ruleConfig` (a JSON string in real
 * exports): alert*, alarm* (the legacy DQC `alarmMode`), notification*, subscriber* / subscription* (订阅),
 * followers (the legacy `CreateQualityFollower`), receivers / recipients, webhooks.
 */
const alertKey = /^(alert|alarm|notif|subscri|follower|receiver|recipient|webhook)/i;

/** True for a key that holds alert / notification settings. */
export function isAlertKey(key: string): boolean {
  return alertKey.test(key);
}

/** The table a rule checks: its guid (`odps.<project>.<schema>.<table>`) and name. */
export function qualityRuleTableOf(rule: unknown): { guid: string | null; name: string | null } {
  const table = isObj(rule) ? rule.table : null;
  const guid = isObj(table) ? str(table.guid) : str(table);
  const named = isObj(table) ? str(table.name) : null;
  return { guid, name: named ?? (guid ? guid.slice(guid.lastIndexOf('.') + 1) : null) };
}

function parsedConfig(rule: Obj): Obj | null {
  if (isObj(rule.ruleConfig)) return rule.ruleConfig;
  if (typeof rule.ruleConfig !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(rule.ruleConfig);
    return isObj(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The alert / notification settings of a rule, as paths (`alarmMode`, `ruleConfig.notifications`); [] when none. */
export function qualityRuleAlertKeys(rule: unknown): string[] {
  if (!isObj(rule)) return [];
  const keys = Object.keys(rule).filter(isAlertKey);
  const config = parsedConfig(rule);
  if (config) for (const key of Object.keys(config)) if (isAlertKey(key)) keys.push(`ruleConfig.${key}`);
  return keys;
}

/**
 * The rule without its alert / notification settings (a copy; the input is not touched). A `ruleConfig` string is
 * rewritten only when it held some, so a rule without alerts comes back equal to the input.
 */
export function withoutQualityRuleAlerts<T>(rule: T): T {
  if (!isObj(rule) || qualityRuleAlertKeys(rule).length === 0) return rule;
  const out: Obj = Object.fromEntries(Object.entries(rule).filter(([key]) => !isAlertKey(key)));
  const config = parsedConfig(rule);
  if (config && Object.keys(config).some(isAlertKey)) {
    const kept = Object.fromEntries(Object.entries(config).filter(([key]) => !isAlertKey(key)));
    out.ruleConfig = typeof rule.ruleConfig === 'string' ? JSON.stringify(kept) : kept;
  }
  return out as T;
}

/**
 * The rule's link to the node that writes its table (`schedulerNode`: the rule runs when that node runs), as a
 * dependency resolved like any other (by output, then node id). It orders the rule after the node, and lets an
 * export closed over downstream dependencies take the rules on the tables its nodes write.
 */
export function qualityRuleNodeDependency(rule: unknown): Dependency | null {
  if (!isObj(rule)) return null;
  const node = isObj(rule.schedulerNode) ? rule.schedulerNode : null;
  const output = str(node?.output);
  const nodeId = str(node?.nodeId);
  if (output === null && nodeId === null) return null;
  return { type: 'Normal', output, nodeId, refTableName: null, targetId: null };
}
