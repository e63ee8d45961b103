import type { Asset } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PlanFinding } from '../../shared/model/plan';
import type { ComputeEngine, MemberRole, WorkspaceConfig } from '../../shared/model/workspace';
import { qualityRuleAlertKeys, qualityRuleTableOf } from '../formats/flowspec/quality-rule-fields';
import { MappingLookup } from '../mapping/mapping-lookup';
import { usesAutoCommit } from './commit-rules';

/**
 * The seed rules: DataWorks' own rules for an import, each a small pure function returning findings that name the
 * rule they come from. The plan runs them all; one pass lists every problem.
 */

/** DataWorks' limit for a package uploaded from the local machine; larger ones go through OSS. */
export const LOCAL_UPLOAD_LIMIT_BYTES = 30 * 1024 * 1024;
/** Roles that may deploy in the destination. */
export const DEPLOY_ROLES: readonly MemberRole[] = ['O&M', 'Deploy', 'Workspace Administrator'];
const ADVANCED_EDITIONS = new Set(['Professional', 'Enterprise']);

const finding = (f: Omit<PlanFinding, 'assetId'> & { assetId?: string | null }): PlanFinding => ({
  ...f,
  assetId: f.assetId ?? null,
});

/**
 * Supported source/destination combinations, DataWorks' cross-workspace cloning rule: objects move only out of a
 * basic-mode workspace (one environment, so what the package holds is what runs) into another workspace, basic or
 * standard. A standard-mode source is refused: its development/production split cannot be cloned (the package would
 * carry one environment's objects and data sources and silently drop the other's). DataStudio versions must match
 * (new -> legacy and legacy -> new are refused). Without the source workspace's description the check cannot run: an
 * info finding says so.
 */
export function checkCombination(
  source: Pick<WorkspaceConfig, 'mode' | 'dataStudio'> | null,
  destination: Pick<WorkspaceConfig, 'mode' | 'dataStudio'>,
): PlanFinding[] {
  const rule = 'supported-combination';
  if (!source)
    return [
      finding({
        severity: 'info',
        code: 'combination-unchecked',
        rule,
        message:
          'the source workspace mode and DataStudio version are unknown (package only): the combination was not checked',
      }),
    ];
  const out: PlanFinding[] = [];
  if (source.mode === 'standard')
    out.push(
      finding({
        severity: 'error',
        code: 'standard-mode-source',
        rule,
        message:
          'the source is a standard-mode workspace, which DataWorks does not clone across workspaces (its development/production split does not carry over; only a basic-mode workspace, with one environment, can be the source): ' +
          "export from a basic-mode workspace instead, or move objects between this workspace's development and production environments with DataWorks' own deployment",
      }),
    );
  if (source.dataStudio !== destination.dataStudio)
    out.push(
      finding({
        severity: 'error',
        code: 'datastudio-version-mismatch',
        rule,
        message: `DataStudio ${source.dataStudio} -> ${destination.dataStudio} is not supported: source and destination must both use the ${source.dataStudio} DataStudio`,
      }),
    );
  return out;
}

const engineOfType: Record<string, ComputeEngine> = {
  odps: 'MaxCompute',
  maxcompute: 'MaxCompute',
  emr: 'EMR',
  hologres: 'Hologres',
  cdh: 'CDH',
  adb_for_postgresql: 'AnalyticDB for PostgreSQL',
  analyticdb_for_postgresql: 'AnalyticDB for PostgreSQL',
  adb_for_mysql: 'AnalyticDB for MySQL',
  clickhouse: 'ClickHouse',
  starrocks: 'StarRocks',
  flink: 'Flink',
  serverless_spark: 'Serverless Spark',
};

/** Compute resource names the package's assets are bound to, with their engine when it can be told. */
export function computeReferences(
  assets: readonly Asset[],
  profile: MappingProfile,
  destination: WorkspaceConfig,
  source: Pick<WorkspaceConfig, 'computeResources'> | null,
): Map<string, { engine: ComputeEngine | null; assetIds: string[] }> {
  const lookup = new MappingLookup(profile, destination);
  const found = new Map<string, { engine: ComputeEngine | null; assetIds: string[] }>();
  for (const a of assets) {
    if (!a.datasource || !lookup.isComputeReference(a.datasource)) continue;
    const name = a.datasource.name;
    let entry = found.get(name);
    if (!entry) {
      const engine =
        source?.computeResources.find((c) => c.name === name)?.engine ??
        profile.computeResources.find((c) => c.source === name)?.engine ??
        engineOfType[a.datasource.type?.toLowerCase() ?? ''] ??
        null;
      entry = { engine, assetIds: [] };
      found.set(name, entry);
    }
    entry.assetIds.push(a.id);
  }
  return found;
}

/** At least one compute resource must be mapped (DataWorks `CalculateEngineMap` may not be empty). */
export function checkComputeMapped(
  references: ReadonlyMap<string, unknown>,
  profile: MappingProfile,
  destination: WorkspaceConfig,
): PlanFinding[] {
  const lookup = new MappingLookup(profile, destination);
  const byProfile = profile.computeResources.some((c) => c.target !== undefined);
  const bySameName = [...references.keys()].some(
    (name) => lookup.computeResource(name).status === 'same-name',
  );
  if (byProfile || bySameName) return [];
  return [
    finding({
      severity: 'error',
      code: 'no-compute-resource-mapped',
      rule: 'compute-resource-mapped',
      message:
        'no compute resource is mapped: map at least one source compute resource to one of the destination (profile section computeResources)',
    }),
  ];
}

/** A source compute-resource type (engine) the destination has no compute resource of is an error. */
export function checkComputeTypes(
  references: ReadonlyMap<string, { engine: ComputeEngine | null; assetIds: string[] }>,
  excluded: ReadonlySet<string>,
  destination: WorkspaceConfig,
): PlanFinding[] {
  const available = new Set(destination.computeResources.map((c) => c.engine));
  const missing = new Map<ComputeEngine, { names: string[]; count: number }>();
  for (const [name, ref] of references) {
    const live = ref.assetIds.filter((id) => !excluded.has(id)).length;
    if (!ref.engine || available.has(ref.engine) || live === 0) continue;
    const entry = missing.get(ref.engine) ?? { names: [], count: 0 };
    entry.names.push(name);
    entry.count += live;
    missing.set(ref.engine, entry);
  }
  return [...missing].map(([engine, { names, count }]) =>
    finding({
      severity: 'error',
      code: 'compute-type-missing',
      rule: 'compute-type-available',
      message: `the destination has no ${engine} compute resource, which ${count} object(s) on ${names.join(', ')} need: add one to the destination or ignore ${names.length > 1 ? 'them' : 'it'} in the profile`,
    }),
  );
}

/** Ignore is not offered for default and shared resource groups: their objects must be mapped to a group. */
export function checkResourceGroupIgnore(
  profile: MappingProfile,
  destination: Pick<WorkspaceConfig, 'resourceGroups'>,
  source: Pick<WorkspaceConfig, 'resourceGroups'> | null,
): PlanFinding[] {
  const out: PlanFinding[] = [];
  for (const entry of profile.resourceGroups) {
    if (entry.ignore !== true) continue;
    const tier =
      source?.resourceGroups.find((g) => g.name === entry.source)?.tier ??
      destination.resourceGroups.find((g) => g.name === entry.source)?.tier ??
      (/^group_\d+$/.test(entry.source) ? 'default' : null);
    if (tier === 'default' || tier === 'shared')
      out.push(
        finding({
          severity: 'error',
          code: 'resource-group-ignore-not-allowed',
          rule: 'resource-group-ignore',
          message: `resource group ${entry.source} is a ${tier} group: DataWorks does not offer ignore for it; map it to a ${entry.type} group of the destination`,
        }),
      );
  }
  return out;
}

/** Parameter names must be unique within a task. */
export function checkParameterNames(
  assets: readonly Pick<Asset, 'id' | 'name' | 'parameters'>[],
): PlanFinding[] {
  const out: PlanFinding[] = [];
  for (const a of assets) {
    if (a.parameters.length < 2) continue;
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const p of a.parameters) (seen.has(p.name) ? repeated : seen).add(p.name);
    if (repeated.size > 0)
      out.push(
        finding({
          severity: 'error',
          code: 'duplicate-parameter',
          rule: 'unique-parameter-names',
          assetId: a.id,
          message: `${a.name}: parameter name${repeated.size > 1 ? 's' : ''} ${[...repeated].join(', ')} repeated; names must be unique within a task`,
        }),
      );
  }
  return out;
}

/** The executor must be a destination member; deploying needs O&M, Deploy or Workspace Administrator. */
export function checkExecutorRole(
  executor: string | null,
  destination: Pick<WorkspaceConfig, 'members'>,
  deploys: boolean,
): PlanFinding[] {
  const rule = 'executor-role';
  if (!executor)
    return [
      finding({
        severity: 'warning',
        code: 'executor-unknown',
        rule,
        message: 'no executor given: owner fallback and the deploy-role check cannot be applied',
      }),
    ];
  const member = destination.members.find((m) => m.accountId === executor || m.accountName === executor);
  if (!member)
    return [
      finding({
        severity: 'error',
        code: 'executor-not-member',
        rule,
        message: `the executor ${executor} is not a member of the destination workspace`,
      }),
    ];
  if (deploys && !member.roles.some((r) => DEPLOY_ROLES.includes(r)))
    return [
      finding({
        severity: 'error',
        code: 'executor-cannot-deploy',
        rule,
        message: `the commit rules deploy objects, but the executor ${member.accountName} has only ${member.roles.join(', ')}; deploying needs ${DEPLOY_ROLES.join(', ')}`,
      }),
    ];
  return [];
}

/** OSS import and automatic commit/deploy need Professional or Enterprise; a local upload is at most 30 MB. */
export function checkEditionLimits(
  profile: MappingProfile,
  destination: Pick<WorkspaceConfig, 'edition'>,
  packageSize: number | null,
): PlanFinding[] {
  const rule = 'edition-limits';
  const advanced = ADVANCED_EDITIONS.has(destination.edition);
  const out: PlanFinding[] = [];
  if (usesAutoCommit(profile.commitRules) && !advanced)
    out.push(
      finding({
        severity: 'error',
        code: 'auto-commit-needs-edition',
        rule,
        message: `automatic commit/deploy needs DataWorks Professional or Enterprise; the destination is ${destination.edition}: turn the commit rules off`,
      }),
    );
  if (packageSize !== null && packageSize > LOCAL_UPLOAD_LIMIT_BYTES) {
    const mb = (packageSize / 1024 / 1024).toFixed(1);
    out.push(
      advanced
        ? finding({
            severity: 'warning',
            code: 'package-over-upload-limit',
            rule,
            message: `the package is ${mb} MB, over the 30 MB local upload limit: a DataWorks hand-off must go through OSS`,
          })
        : finding({
            severity: 'error',
            code: 'oss-import-needs-edition',
            rule,
            message: `the package is ${mb} MB, over the 30 MB local upload limit, and OSS import needs Professional or Enterprise; the destination is ${destination.edition}`,
          }),
    );
  }
  return out;
}

function obj(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The table a quality rule watches: its guid (`odps.<project>.<schema>.<table>`) and name, from the original. */
export function qualityRuleTable(asset: Pick<Asset, 'original'>): {
  guid: string | null;
  name: string | null;
} {
  return qualityRuleTableOf(asset.original);
}

/** The guid or name of a table asset. */
export function tableKeys(asset: Pick<Asset, 'name' | 'original'>): string[] {
  const guid = obj(asset.original)?.guid;
  return typeof guid === 'string' ? [guid, asset.name] : [asset.name];
}

/**
 * Quality rules: the table must exist in the destination after the import (there already, or created by it);
 * alert settings (subscriptions, recipients) never travel, so each rule the import writes gets a reminder, naming
 * the settings left out when the source rule had some. `options.written` (default: every rule) is the rules the
 * import writes (created or updated; an unchanged rule is not written); `options.alertsOf` gives a rule's alert
 * settings in the source (the mapped rule has none left).
 */
export function checkQualityRules(
  rules: readonly Asset[],
  tablesAfterImport: ReadonlySet<string>,
  options: { written?: ReadonlySet<string>; alertsOf?: (id: string) => readonly string[] } = {},
): PlanFinding[] {
  const out: PlanFinding[] = [];
  for (const r of rules) {
    const { guid, name } = qualityRuleTable(r);
    const present = guid ? tablesAfterImport.has(guid) : name !== null && tablesAfterImport.has(name);
    if (!present)
      out.push(
        finding({
          severity: 'warning',
          code: 'quality-rule-table-missing',
          rule: 'quality-rule-table',
          assetId: r.id,
          message: `quality rule ${r.name}: table ${guid ?? name ?? '(unknown)'} is neither in the destination nor in this import`,
        }),
      );
    if (options.written && !options.written.has(r.id)) continue;
    const alerts = options.alertsOf?.(r.id) ?? [];
    const left = alerts.length > 0 ? ` (${alerts.join(', ')} left out of the import)` : '';
    out.push(
      finding({
        severity: 'warning',
        code: 'quality-rule-alerts-not-carried',
        rule: 'quality-rule-alerts',
        assetId: r.id,
        message: `quality rule ${r.name}: alert settings never travel${left}; set up its alert subscriptions in the destination`,
      }),
    );
  }
  return out;
}

/**
 * Quality rules run with the node that writes their table (`schedulerNode`). When that node is in the package but
 * does not land (a conflict, or excluded), the imported rule names a node the destination will not have: a warning,
 * so the rule is attached by hand to the destination's node (the sample's `dwd_orders` conflict is this case).
 */
export function checkQualityRuleNodes(
  rules: readonly Asset[],
  objectOf: (id: string) => { name: string; action: string } | undefined,
): PlanFinding[] {
  const out: PlanFinding[] = [];
  for (const r of rules) {
    for (const dep of r.dependencies) {
      const node = dep.targetId === null ? undefined : objectOf(dep.targetId);
      if (!node || (node.action !== 'conflict' && node.action !== 'excluded')) continue;
      out.push(
        finding({
          severity: 'warning',
          code: 'quality-rule-node-not-imported',
          rule: 'quality-rule-table',
          assetId: r.id,
          message: `quality rule ${r.name}: it runs with node ${node.name}, which this import does not land (${node.action}); attach it to the destination's node that writes ${dep.output ?? 'its table'}`,
        }),
      );
    }
  }
  return out;
}

/**
 * An update rewrites a destination rule from the package, which has no alert settings (they never travel): alert
 * settings set up in the destination's copy are lost, so say which. (A rule that differs only in them is unchanged.)
 */
export function checkQualityRuleOverwrites(
  updates: readonly { assetId: string; name: string; destination: Pick<Asset, 'original'> | undefined }[],
): PlanFinding[] {
  const out: PlanFinding[] = [];
  for (const u of updates) {
    const alerts = qualityRuleAlertKeys(u.destination?.original);
    if (alerts.length === 0) continue;
    out.push(
      finding({
        severity: 'warning',
        code: 'quality-rule-alerts-overwritten',
        rule: 'quality-rule-alerts',
        assetId: u.assetId,
        message: `quality rule ${u.name}: the update rewrites the destination's rule, whose alert settings (${alerts.join(', ')}) are not kept; set them up again after the import`,
      }),
    );
  }
  return out;
}
