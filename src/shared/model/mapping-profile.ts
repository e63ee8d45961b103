import { z } from 'zod';
import { computeEngines, projectIdentifierSchema, resourceGroupTypes } from './workspace';

/**
 * A mapping profile: how a package from one workspace lands in another (what DataWorks Deploy Center calls a
 * deployment environment). It is stored in the history database and imported/exported as a commented YAML file
 * (docs/mapping-profile.md).
 *
 * Unlike package files, a profile is written by people, so every object here is STRICT: an unknown key is an error
 * that names the key. A typo such as `computeResource:` or `igonre: true` must not silently map nothing.
 *
 * Entries of the list sections are "source -> target" or "source -> ignore". Exactly one of `target` and
 * `ignore: true` must be given; what ignore means depends on the section (see each schema). Every section defaults to
 * empty, so a minimal profile is `schemaVersion`, `name`, `sourceProject` and `destinationProject`.
 */

/** The `schemaVersion` this code reads and writes. */
export const MAPPING_PROFILE_SCHEMA_VERSION = 1;

const text = z.string().min(1, { error: 'must not be empty' });
const optionalText = z.string().optional();

/** Adds the "exactly one of target and ignore: true" rule to an entry schema. */
function targetOrIgnore<T extends { target?: string | undefined; ignore?: boolean | undefined }>(
  entry: T,
  ctx: z.RefinementCtx,
): void {
  const hasTarget = entry.target !== undefined;
  const ignored = entry.ignore === true;
  if (hasTarget && ignored)
    ctx.addIssue({
      code: 'custom',
      path: ['ignore'],
      message: 'give either target or ignore: true, not both',
    });
  if (!hasTarget && !ignored)
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'is required (or set ignore: true)' });
}

const targetFields = {
  /** The destination name. */
  target: text.optional(),
  /** `true` to not map this source item; what that means depends on the section. */
  ignore: z.boolean().optional(),
  /** Free text for people. */
  note: optionalText,
};

/**
 * A compute resource (the name nodes carry in `datasource.name`, e.g. `retail_dev_mc`), per engine. `ignore` leaves
 * every object bound to that compute resource out of the import (DataWorks `CalculateEngineMap`).
 */
export const computeResourceMappingSchema = z
  .strictObject({ source: text, engine: z.enum(computeEngines), ...targetFields })
  .superRefine(targetOrIgnore);

/**
 * A resource group (scheduling: `runtimeResource.resourceGroup`; data integration: the DI job's resource group),
 * mapped only to a group of the same type. `ignore` keeps the source's group name. DataWorks does not offer ignore
 * for default and shared groups; validation reports that against the destination.
 */
export const resourceGroupMappingSchema = z
  .strictObject({ source: text, type: z.enum(resourceGroupTypes), ...targetFields })
  .superRefine(targetOrIgnore);

/**
 * A project (workspace) identifier other than the package's own: cross-project dependencies such as
 * `finance_dev.dwd_payments`. The identifier is rewritten in outputs (`<project>.<name>`), root inputs
 * (`<project>_root`), dependencies, parameters and `project.table` in SQL. `ignore` keeps the reference as it is.
 */
export const projectMappingSchema = z
  .strictObject({
    source: projectIdentifierSchema,
    target: projectIdentifierSchema.optional(),
    ignore: z.boolean().optional(),
    note: optionalText,
  })
  .superRefine(targetOrIgnore);

/** A data source by name (`datasource.name` of DI/database nodes, names inside DI code). `ignore` keeps the source's. */
export const dataSourceMappingSchema = z
  .strictObject({
    source: text,
    /** Lower-case data source type (`mysql`, `oss`, ...), when known; the target must have the same type. */
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case data source type such as "mysql"' })
      .optional(),
    ...targetFields,
  })
  .superRefine(targetOrIgnore);

/**
 * A scheduling / workflow parameter set by name: a constant (`retail`) or a scheduling expression (`$[yyyymmdd-1]`,
 * `${yyyymmdd}`). Every node or workflow parameter with this name gets this value.
 */
export const parameterMappingSchema = z.strictObject({ name: text, value: z.string(), note: optionalText });

export const ownerRules = ['default', 'package-creator', 'executor', 'map'] as const;

/**
 * Who owns imported objects.
 * - `default`: the source owner when they are a member of the destination, else the executor;
 * - `package-creator`: `packageCreator` (the account that made the package);
 * - `executor`: `executor` (the account running the import);
 * - `map`: `map[sourceOwner]`; an owner not in the map falls back to `default`.
 * Owners are account ids (what nodes carry in `owner`).
 */
export const ownerRuleSchema = z
  .strictObject({
    rule: z.enum(ownerRules).default('default'),
    map: z.record(z.string(), text).default({}),
    executor: optionalText,
    packageCreator: optionalText,
  })
  .superRefine((owner, ctx) => {
    if (owner.rule === 'package-creator' && !owner.packageCreator)
      ctx.addIssue({
        code: 'custom',
        path: ['packageCreator'],
        message: 'is required when rule is package-creator',
      });
    if (owner.rule === 'executor' && !owner.executor)
      ctx.addIssue({ code: 'custom', path: ['executor'], message: 'is required when rule is executor' });
  });

/** DataWorks `CommitRule`: whether imported objects land saved, committed or deployed. All default to false. */
export const commitRulesSchema = z.strictObject({
  resourceAutoCommit: z.boolean().default(false),
  resourceAutoDeploy: z.boolean().default(false),
  functionAutoCommit: z.boolean().default(false),
  functionAutoDeploy: z.boolean().default(false),
  tableAutoCommitToDev: z.boolean().default(false),
  tableAutoCommitToProd: z.boolean().default(false),
  fileAutoCommit: z.boolean().default(false),
  fileAutoDeploy: z.boolean().default(false),
  ignoreLock: z.boolean().default(false),
});

export const conflictPolicies = ['refuse', 'skip', 'overwrite', 'rename'] as const;

/** A DataService Studio business process (group) for DataService APIs. */
export const dataServiceGroupMappingSchema = z.strictObject({
  source: text,
  target: text,
  note: optionalText,
});

export const dryRunRecurrences = ['Skip', 'Pause'] as const;

/**
 * A dry-run rule: a node matches when it matches every criterion given (at least one). Globs use `*` (any run of
 * characters except `/`), `**` (anything) and `?`; `outputTablePattern` is a glob over the tables a node writes,
 * written `<project>.<table>` or `<table>`.
 */
export const dryRunRuleSchema = z
  .strictObject({
    /** A label for the UI and the report. */
    name: optionalText,
    nodeType: optionalText,
    nameGlob: optionalText,
    folderGlob: optionalText,
    outputTablePattern: optionalText,
  })
  .superRefine((rule, ctx) => {
    if (!rule.nodeType && !rule.nameGlob && !rule.folderGlob && !rule.outputTablePattern)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs at least one of nodeType, nameGlob, folderGlob, outputTablePattern',
      });
  });

/** Nodes that land as dry runs: scheduled, reporting success without running code (`Skip`), or frozen (`Pause`). */
export const dryRunSchema = z.strictObject({
  recurrence: z.enum(dryRunRecurrences).default('Skip'),
  /** Node asset ids marked one by one or in batch. */
  nodes: z.array(text).default([]),
  rules: z.array(dryRunRuleSchema).default([]),
});

export const mappingProfileSchema = z.strictObject({
  schemaVersion: z.literal(MAPPING_PROFILE_SCHEMA_VERSION, {
    error: `must be ${MAPPING_PROFILE_SCHEMA_VERSION}`,
  }),
  name: text,
  description: optionalText,
  /** The package's project identifier (`retail_dev`); rewritten to `destinationProject` everywhere. */
  sourceProject: projectIdentifierSchema,
  /** The destination workspace's project identifier (`retail_prod`). */
  destinationProject: projectIdentifierSchema,
  computeResources: z.array(computeResourceMappingSchema).default([]),
  resourceGroups: z.array(resourceGroupMappingSchema).default([]),
  /** Other projects (cross-project dependencies); the package's own project is `sourceProject`. */
  projects: z.array(projectMappingSchema).default([]),
  dataSources: z.array(dataSourceMappingSchema).default([]),
  parameters: z.array(parameterMappingSchema).default([]),
  owner: ownerRuleSchema.default({ rule: 'default', map: {} }),
  commitRules: commitRulesSchema.default({
    resourceAutoCommit: false,
    resourceAutoDeploy: false,
    functionAutoCommit: false,
    functionAutoDeploy: false,
    tableAutoCommitToDev: false,
    tableAutoCommitToProd: false,
    fileAutoCommit: false,
    fileAutoDeploy: false,
    ignoreLock: false,
  }),
  /** A same-named object with another identity in the destination: refuse the import, skip it, overwrite it, or rename ours. */
  conflictPolicy: z.enum(conflictPolicies).default('refuse'),
  dataServiceGroups: z.array(dataServiceGroupMappingSchema).default([]),
  dryRun: dryRunSchema.default({ recurrence: 'Skip', nodes: [], rules: [] }),
});

/** A parsed profile: every section present (defaults filled in). */
export type MappingProfile = z.output<typeof mappingProfileSchema>;
/** A profile as written: sections may be left out. */
export type MappingProfileInput = z.input<typeof mappingProfileSchema>;
export type ComputeResourceMapping = z.output<typeof computeResourceMappingSchema>;
export type ResourceGroupMapping = z.output<typeof resourceGroupMappingSchema>;
export type ProjectMapping = z.output<typeof projectMappingSchema>;
export type DataSourceMapping = z.output<typeof dataSourceMappingSchema>;
export type ParameterMapping = z.output<typeof parameterMappingSchema>;
export type OwnerRule = z.output<typeof ownerRuleSchema>;
export type CommitRules = z.output<typeof commitRulesSchema>;
export type ConflictPolicy = (typeof conflictPolicies)[number];
export type DryRunRule = z.output<typeof dryRunRuleSchema>;
export type DryRunSettings = z.output<typeof dryRunSchema>;
export type DryRunRecurrence = (typeof dryRunRecurrences)[number];

/** The list sections whose entries map a source name to a target or ignore it. */
export const mappingSections = ['computeResources', 'resourceGroups', 'projects', 'dataSources'] as const;
export type MappingSection = (typeof mappingSections)[number];

/**
 * A suggested binding in a draft profile. Suggestions are kept in a list beside the profile, not inside it, so a
 * profile stays exactly what the user accepted: the UI shows the entry pre-filled and marks it as a suggestion while
 * `(section, source)` is in this list; accepting it drops it from the list. Keyed by section and source name, not by
 * index, so editing other entries does not move the marker.
 */
export const mappingSuggestionSchema = z.object({
  section: z.enum([...mappingSections, 'owners']),
  source: z.string(),
  /** The proposed destination name (account id for owners); null when nothing fits well enough. */
  target: z.string().nullable(),
  /** 0..1; 1 is an exact match of name and type. */
  score: z.number(),
  /** One line for people: why this candidate. */
  reason: z.string(),
  /** Other candidates, best first. */
  alternatives: z.array(z.object({ target: z.string(), score: z.number() })),
});
export type MappingSuggestion = z.infer<typeof mappingSuggestionSchema>;

/** Parses a profile object (already read from YAML/JSON); throws a ZodError naming the key path on failure. */
export function parseMappingProfile(value: unknown): MappingProfile {
  return mappingProfileSchema.parse(value);
}
