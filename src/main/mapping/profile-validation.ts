import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { MemberRole, ResourceGroupTier, WorkspaceConfig } from '../../shared/model/workspace';

/**
 * Checks a profile against the destination workspace (and the source workspace, when known): what the profile
 * schema alone cannot see. Each finding names the profile key (`computeResources[0].target`) and the DataWorks rule
 * it comes from, so the UI can put it next to the field and the report can cite it.
 */

export interface ProfileFinding {
  severity: 'error' | 'warning';
  /** Stable, kebab-case. */
  code:
    | 'destination-project-mismatch'
    | 'duplicate-entry'
    | 'unknown-compute-resource'
    | 'compute-engine-mismatch'
    | 'no-compute-resource-mapped'
    | 'unknown-resource-group'
    | 'resource-group-type-mismatch'
    | 'ignore-not-offered'
    | 'ignored-not-in-destination'
    | 'unknown-data-source'
    | 'data-source-type-mismatch'
    | 'duplicate-parameter'
    | 'owner-not-member'
    | 'executor-cannot-deploy'
    | 'edition-too-low';
  /** One line naming the key and what is wrong. */
  message: string;
  /** The profile key path, e.g. `resourceGroups[1].target`. */
  path: string;
  /** The DataWorks rule the finding comes from. */
  rule: string;
}

export const rules = {
  computeMap:
    'CalculateEngineMap: a compute resource maps to one of the destination workspace, per engine type',
  computeRequired: 'At least one compute resource must be mapped for an import',
  resourceGroupMap: 'ResourceGroupMap: a resource group maps only to a destination group of the same type',
  ignoreNotOffered: 'Ignore is not offered for default and shared resource groups',
  dataSource: 'A data source maps to a destination data source of the same type',
  parameters: 'Parameter names must be unique within an import task',
  owner: 'Object owners must be members of the destination workspace',
  deployRole: 'Deploying needs the O&M, Deploy or Workspace Administrator role in the destination',
  edition: 'Automatic commit and deploy need DataWorks Professional or Enterprise edition',
  workspaceMap: 'WorkspaceMap: the destination project is the workspace being imported into',
  unique: 'Each source item is mapped once',
} as const;

const deployRoles: readonly MemberRole[] = ['O&M', 'Deploy', 'Workspace Administrator', 'Project Owner'];

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const found: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) found.push(i);
    seen.add(k);
  });
  return found;
}

/**
 * The tier of a source resource group: from the source workspace, else from a destination group of that name (both
 * workspaces in one tenant share the default group), else by DataWorks' naming (`group_<tenant>` is the default
 * group, names with `shared` are shared groups).
 */
export function sourceGroupTier(
  name: string,
  source: WorkspaceConfig | null,
  destination: WorkspaceConfig | null,
): ResourceGroupTier | null {
  const known =
    source?.resourceGroups.find((g) => g.name === name) ??
    destination?.resourceGroups.find((g) => g.name === name);
  if (known) return known.tier;
  if (/^group_\d+$/.test(name)) return 'default';
  if (/shared/i.test(name)) return 'shared';
  return null;
}

/** Validates `profile` against `destination`; an empty list means it can be used. */
export function validateProfile(
  profile: MappingProfile,
  destination: WorkspaceConfig,
  options: { source?: WorkspaceConfig | null } = {},
): ProfileFinding[] {
  const source = options.source ?? null;
  const findings: ProfileFinding[] = [];
  const error = (code: ProfileFinding['code'], path: string, message: string, rule: string) =>
    findings.push({ severity: 'error', code, path, message: `${path}: ${message}`, rule });
  const warn = (code: ProfileFinding['code'], path: string, message: string, rule: string) =>
    findings.push({ severity: 'warning', code, path, message: `${path}: ${message}`, rule });
  const dest = destination.project.identifier;

  if (profile.destinationProject !== dest)
    error(
      'destination-project-mismatch',
      'destinationProject',
      `is ${profile.destinationProject} but the destination workspace is ${dest}`,
      rules.workspaceMap,
    );

  // Compute resources.
  for (const i of duplicates(profile.computeResources, (e) => e.source))
    error(
      'duplicate-entry',
      `computeResources[${i}].source`,
      `${profile.computeResources[i].source} is mapped more than once`,
      rules.unique,
    );
  profile.computeResources.forEach((e, i) => {
    if (e.target === undefined) return;
    const target = destination.computeResources.find((c) => c.name === e.target);
    if (!target) {
      const names = destination.computeResources.filter((c) => c.engine === e.engine).map((c) => c.name);
      error(
        'unknown-compute-resource',
        `computeResources[${i}].target`,
        `${dest} has no compute resource ${e.target}${names.length ? ` (its ${e.engine} ones: ${names.join(', ')})` : ` and no ${e.engine} compute resource`}`,
        rules.computeMap,
      );
    } else if (target.engine !== e.engine)
      error(
        'compute-engine-mismatch',
        `computeResources[${i}].target`,
        `${e.target} is ${target.engine}, not ${e.engine}`,
        rules.computeMap,
      );
  });
  if (!profile.computeResources.some((e) => e.target !== undefined))
    warn(
      'no-compute-resource-mapped',
      'computeResources',
      'maps no compute resource; the import needs at least one (same-named ones count)',
      rules.computeRequired,
    );

  // Resource groups.
  for (const i of duplicates(profile.resourceGroups, (e) => `${e.type}\u0000${e.source}`))
    error(
      'duplicate-entry',
      `resourceGroups[${i}].source`,
      `${profile.resourceGroups[i].source} (${profile.resourceGroups[i].type}) is mapped more than once`,
      rules.unique,
    );
  profile.resourceGroups.forEach((e, i) => {
    if (e.ignore) {
      const tier = sourceGroupTier(e.source, source, destination);
      if (tier === 'default' || tier === 'shared')
        error(
          'ignore-not-offered',
          `resourceGroups[${i}].ignore`,
          `${e.source} is a ${tier} resource group, which cannot be ignored; map it to a ${e.type} group of ${dest}`,
          rules.ignoreNotOffered,
        );
      else if (!destination.resourceGroups.some((g) => g.name === e.source && g.type === e.type))
        warn(
          'ignored-not-in-destination',
          `resourceGroups[${i}].ignore`,
          `keeps ${e.source}, which ${dest} does not have; nodes on it will not run there`,
          rules.resourceGroupMap,
        );
      return;
    }
    const target = destination.resourceGroups.find((g) => g.name === e.target);
    if (!target) {
      const names = destination.resourceGroups.filter((g) => g.type === e.type).map((g) => g.name);
      error(
        'unknown-resource-group',
        `resourceGroups[${i}].target`,
        `${dest} has no resource group ${e.target ?? ''}${names.length ? ` (its ${e.type} groups: ${names.join(', ')})` : ''}`,
        rules.resourceGroupMap,
      );
    } else if (target.type !== e.type)
      error(
        'resource-group-type-mismatch',
        `resourceGroups[${i}].target`,
        `${e.target} is a ${target.type} group; ${e.source} is ${e.type}`,
        rules.resourceGroupMap,
      );
  });

  // Projects: the package's own project is sourceProject.
  for (const i of duplicates(profile.projects, (e) => e.source))
    error(
      'duplicate-entry',
      `projects[${i}].source`,
      `${profile.projects[i].source} is mapped more than once`,
      rules.unique,
    );
  profile.projects.forEach((e, i) => {
    if (e.source === profile.sourceProject)
      error(
        'duplicate-entry',
        `projects[${i}].source`,
        `${e.source} is the source project, already mapped by sourceProject/destinationProject`,
        rules.unique,
      );
  });

  // Data sources.
  for (const i of duplicates(profile.dataSources, (e) => e.source))
    error(
      'duplicate-entry',
      `dataSources[${i}].source`,
      `${profile.dataSources[i].source} is mapped more than once`,
      rules.unique,
    );
  profile.dataSources.forEach((e, i) => {
    if (e.ignore) {
      if (!destination.dataSources.some((d) => d.name === e.source))
        warn(
          'ignored-not-in-destination',
          `dataSources[${i}].ignore`,
          `keeps ${e.source}, which ${dest} does not have; create it there, map it, or leave its nodes out`,
          rules.dataSource,
        );
      return;
    }
    if (e.target === undefined) return;
    const targets = destination.dataSources.filter((d) => d.name === e.target);
    const sourceType = e.type ?? source?.dataSources.find((d) => d.name === e.source)?.type;
    if (targets.length === 0) {
      const names = [
        ...new Set(
          destination.dataSources.filter((d) => !sourceType || d.type === sourceType).map((d) => d.name),
        ),
      ];
      error(
        'unknown-data-source',
        `dataSources[${i}].target`,
        `${dest} has no data source ${e.target}${names.length ? ` (its ${sourceType ?? ''} data sources: ${names.join(', ')})`.replace('  ', ' ') : ''}`,
        rules.dataSource,
      );
    } else if (sourceType && !targets.some((d) => d.type === sourceType))
      error(
        'data-source-type-mismatch',
        `dataSources[${i}].target`,
        `${e.target} is ${targets[0].type}; ${e.source} is ${sourceType}`,
        rules.dataSource,
      );
  });

  // Parameters.
  for (const i of duplicates(profile.parameters, (p) => p.name))
    error(
      'duplicate-parameter',
      `parameters[${i}].name`,
      `${profile.parameters[i].name} is set more than once`,
      rules.parameters,
    );

  // Owners.
  const member = (id: string) => destination.members.find((m) => m.accountId === id);
  for (const [from, to] of Object.entries(profile.owner.map))
    if (!member(to))
      error('owner-not-member', `owner.map.${from}`, `${to} is not a member of ${dest}`, rules.owner);
  if (profile.owner.executor !== undefined && !member(profile.owner.executor))
    error(
      'owner-not-member',
      'owner.executor',
      `${profile.owner.executor} is not a member of ${dest}`,
      rules.owner,
    );
  if (profile.owner.packageCreator !== undefined && !member(profile.owner.packageCreator))
    (profile.owner.rule === 'package-creator' ? error : warn)(
      'owner-not-member',
      'owner.packageCreator',
      `${profile.owner.packageCreator} is not a member of ${dest}`,
      rules.owner,
    );

  // Commit rules: automatic deploy needs a role and an edition.
  const c = profile.commitRules;
  const autoDeploy =
    c.resourceAutoDeploy || c.functionAutoDeploy || c.fileAutoDeploy || c.tableAutoCommitToProd;
  const autoAny =
    autoDeploy || c.resourceAutoCommit || c.functionAutoCommit || c.fileAutoCommit || c.tableAutoCommitToDev;
  if (autoAny && (destination.edition === 'Basic' || destination.edition === 'Standard'))
    error(
      'edition-too-low',
      'commitRules',
      `automatic commit/deploy is set but ${dest} is ${destination.edition} edition`,
      rules.edition,
    );
  if (autoDeploy && profile.owner.executor !== undefined) {
    const executor = member(profile.owner.executor);
    if (executor && !executor.roles.some((r) => deployRoles.includes(r)))
      warn(
        'executor-cannot-deploy',
        'owner.executor',
        `${executor.accountName} has roles ${executor.roles.join(', ')}; automatic deploy needs O&M, Deploy or Workspace Administrator`,
        rules.deployRole,
      );
  }
  return findings;
}
