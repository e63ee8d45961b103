import { z } from 'zod';
import { assetKindSchema } from './asset';

/**
 * `workspace.json`: the description of a local workspace folder (the embedded default source and destination).
 *
 * A local workspace is a folder in the SPEC package layout (`SPEC.FORMAT`, `DataStudio/…`, `DataSource/…`) plus this
 * file. The SPEC tree holds the objects (nodes, resources, functions, tables, data sources, quality rules); this file
 * holds what a DataWorks workspace has around them and what a package cannot carry: identity, mode, edition, region,
 * the compute resources, resource groups, data sources and members objects can be bound to, and the state of each
 * object.
 *
 * Per-object state lives here, in `states`, keyed by object id, and not in sidecar files next to each object:
 * - the SPEC tree stays exactly what DataWorks exports, so the folder can be zipped into a package as it is and a
 *   package can be unpacked into a workspace without inventing files;
 * - an import commits and deploys objects in waves; one atomic rewrite of one file records a whole wave, where
 *   sidecars would need one write per object and could be left half-updated;
 * - the whole inventory (what is saved, committed, deployed) is one read, without walking the tree.
 * An object without an entry is `saved` (it exists in the tree and was never committed). Keys are canonical asset ids
 * (see `asset.ts`): the FlowSpec id for nodes and workflows, `<kind>:<id>` for the other kinds, whose ids share no
 * namespace with nodes.
 *
 * Every object schema is loose: keys this version does not know are kept, so a file written by a newer Ferry survives
 * a read and a write by this one. `schemaVersion` changes only when a key changes meaning; a reader refuses a newer
 * version rather than guess.
 */

/** The `schemaVersion` this code reads and writes. */
export const WORKSPACE_SCHEMA_VERSION = 1;

/** The file name of the workspace description inside a workspace folder. */
export const WORKSPACE_FILE_NAME = 'workspace.json';

export const workspaceModes = ['basic', 'standard'] as const;
export const dataStudioVersions = ['new', 'legacy'] as const;
export const workspaceEditions = ['Basic', 'Standard', 'Professional', 'Enterprise'] as const;
/** Alibaba Cloud sites: China, international, finance cloud, government cloud, Apsara Stack (private). */
export const clouds = ['aliyun', 'aliyun-intl', 'aliyun-finance', 'aliyun-gov', 'apsara-stack'] as const;
/** Compute engines a workspace can bind (DataWorks `CalcEngineType` display names). */
export const computeEngines = [
  'MaxCompute',
  'EMR',
  'Hologres',
  'CDH',
  'AnalyticDB for PostgreSQL',
  'AnalyticDB for MySQL',
  'ClickHouse',
  'StarRocks',
  'Flink',
  'Serverless Spark',
] as const;
export const resourceGroupTypes = ['scheduling', 'data-integration'] as const;
export const resourceGroupTiers = ['default', 'shared', 'exclusive'] as const;
/** Standard-mode workspaces have both; basic-mode workspaces only `production`. */
export const environments = ['development', 'production'] as const;
/** DataWorks built-in workspace roles. */
export const memberRoles = [
  'Project Owner',
  'Workspace Administrator',
  'Developer',
  'O&M',
  'Deploy',
  'Visitor',
  'Security Administrator',
  'Model Designer',
  'Data Analyst',
] as const;
/** saved: in the tree only; committed: submitted to the scheduler (DataWorks "submitted"); deployed: in production. */
export const objectStates = ['saved', 'committed', 'deployed'] as const;

export type WorkspaceMode = (typeof workspaceModes)[number];
export type DataStudioVersion = (typeof dataStudioVersions)[number];
export type WorkspaceEdition = (typeof workspaceEditions)[number];
export type Cloud = (typeof clouds)[number];
export type ComputeEngine = (typeof computeEngines)[number];
export type ResourceGroupType = (typeof resourceGroupTypes)[number];
export type ResourceGroupTier = (typeof resourceGroupTiers)[number];
export type Environment = (typeof environments)[number];
export type MemberRole = (typeof memberRoles)[number];
export type ObjectState = (typeof objectStates)[number];

const name = z.string().min(1, { error: 'must not be empty' });
const optionalText = z.string().optional();

/** A DataWorks workspace name (project identifier): it is embedded in node outputs such as `retail_dev.dwd_orders`. */
export const projectIdentifierSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, {
    error: 'must start with a letter and hold only letters, digits and _',
  });

export const workspaceProjectSchema = z.looseObject({
  identifier: projectIdentifierSchema,
  displayName: name,
  /** The numeric DataWorks workspace id, when known. */
  id: optionalText,
  /** The Alibaba Cloud account (tenant) that owns the workspace. */
  tenantId: optionalText,
  description: optionalText,
});

/** A compute resource bound to the workspace; `name` is what nodes carry in `datasource.name`. */
export const computeResourceSchema = z.looseObject({
  name,
  engine: z.enum(computeEngines),
  /** The engine-side instance: a MaxCompute project, an EMR cluster id, a Hologres instance id. */
  instance: name,
  description: optionalText,
});

export const resourceGroupSchema = z.looseObject({
  /** The identifier nodes carry in `runtimeResource.resourceGroup`, e.g. `S_res_group_524257424564736_1751013862820`. */
  name,
  id: optionalText,
  displayName: optionalText,
  type: z.enum(resourceGroupTypes),
  tier: z.enum(resourceGroupTiers),
});

/** A reference to a secret kept outside the workspace (OS keychain, vault); only its name is stored here. */
export const secretRefSchema = z.strictObject({ secretRef: name });

const configValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), secretRefSchema]);

/** Keys whose value must never be stored in clear. */
const secretKeyPattern = /pass(word|wd)?$|secret|token|credential|private.?key|access.?key|^ak$|^sk$/i;

export const dataSourceConfigSchema = z.record(z.string(), configValueSchema).superRefine((config, ctx) => {
  for (const [key, value] of Object.entries(config)) {
    if (secretKeyPattern.test(key) && value !== null && typeof value !== 'object') {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'must reference a secret by name ({ "secretRef": "…" }), never hold it in clear',
      });
    }
  }
});

export const dataSourceSchema = z.looseObject({
  name,
  /** Lower-case DataWorks data source type: `mysql`, `odps`, `hologres`, `oss`, `emr`, `postgresql`, … */
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case data source type such as "mysql"' }),
  subType: optionalText,
  environment: z.enum(environments),
  description: optionalText,
  /** Connection settings without secrets; a secret is `{ "secretRef": "<name>" }`. */
  config: dataSourceConfigSchema.optional(),
});

export const memberSchema = z.looseObject({
  /** The Alibaba Cloud account or RAM user id nodes carry in `owner`, e.g. `1107550004253538`. */
  accountId: z.string().regex(/^\d+$/, { error: 'must be a numeric account id' }),
  /** The login name nodes carry in `metadata.ownerName`. */
  accountName: name,
  displayName: optionalText,
  roles: z.array(z.enum(memberRoles)).min(1, { error: 'must list at least one role' }),
});

export const objectStateEntrySchema = z.looseObject({
  state: z.enum(objectStates),
  /** Which kind of object the id names, for people and for a quick inventory. */
  kind: assetKindSchema.optional(),
  /** The object's path inside the workspace folder, for people; the id is what identifies it. */
  path: optionalText,
  /** How many times it was committed; a deploy ships the latest committed version. */
  version: z.int().min(0).optional(),
  /** ISO 8601 time of the last change of state. */
  changedAt: optionalText,
});

function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const found: number[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) found.push(index);
    seen.add(k);
  });
  return found;
}

export const workspaceConfigSchema = z
  .looseObject({
    schemaVersion: z.int().min(1),
    project: workspaceProjectSchema,
    mode: z.enum(workspaceModes),
    dataStudio: z.enum(dataStudioVersions),
    edition: z.enum(workspaceEditions),
    /** Alibaba Cloud region id, e.g. `cn-shanghai`, `cn-shanghai-finance-1`, `ap-southeast-1`. */
    region: z
      .string()
      .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, { error: 'must be a region id such as "cn-shanghai"' }),
    cloud: z.enum(clouds),
    computeResources: z.array(computeResourceSchema),
    resourceGroups: z.array(resourceGroupSchema),
    dataSources: z.array(dataSourceSchema),
    members: z.array(memberSchema),
    /** Canonical asset id (node/workflow FlowSpec id, or `<kind>:<id>` such as `resource:…`) to its state. */
    states: z.record(z.string().min(1), objectStateEntrySchema),
  })
  .superRefine((config, ctx) => {
    const report = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    for (const i of duplicates(config.computeResources, (c) => c.name))
      report(['computeResources', i, 'name'], `repeats "${config.computeResources[i].name}"`);
    for (const i of duplicates(config.resourceGroups, (g) => g.name))
      report(['resourceGroups', i, 'name'], `repeats "${config.resourceGroups[i].name}"`);
    for (const i of duplicates(config.dataSources, (d) => `${d.name}\u0000${d.environment}`))
      report(
        ['dataSources', i, 'name'],
        `repeats "${config.dataSources[i].name}" in ${config.dataSources[i].environment}`,
      );
    for (const i of duplicates(config.members, (m) => m.accountId))
      report(['members', i, 'accountId'], `repeats "${config.members[i].accountId}"`);
    if (config.mode === 'basic') {
      config.dataSources.forEach((d, i) => {
        if (d.environment === 'development')
          report(
            ['dataSources', i, 'environment'],
            'must be "production": a basic-mode workspace has no development environment',
          );
      });
    }
  });

export type WorkspaceProject = z.infer<typeof workspaceProjectSchema>;
export type ComputeResource = z.infer<typeof computeResourceSchema>;
export type ResourceGroup = z.infer<typeof resourceGroupSchema>;
export type SecretRef = z.infer<typeof secretRefSchema>;
export type DataSource = z.infer<typeof dataSourceSchema>;
export type Member = z.infer<typeof memberSchema>;
export type ObjectStateEntry = z.infer<typeof objectStateEntrySchema>;
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;

/** The state of an object: its entry in `states`, or `saved` when it has none. */
export function objectStateOf(config: Pick<WorkspaceConfig, 'states'>, objectId: string): ObjectState {
  return config.states[objectId]?.state ?? 'saved';
}
