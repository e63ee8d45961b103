import type { Asset, Dependency, NodeOutput, Parameter } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { CodeScan } from './code-rewrite';
import {
  type ApplyMappingOptions,
  type ExcludedAsset,
  type MappedModel,
  type MappingNotice,
} from './mapping-result';
import {
  codeRewriter,
  dataIntegrationName,
  mappingContext,
  type MappingContext,
  type ModelLike,
} from './mapping-context';
import { resolveOwner } from './owner-rule';
import { rewriteOriginal } from './original-rewrite';
import { withoutQualityRuleAlerts } from '../formats/flowspec/quality-rule-fields';

/**
 * The rewrite step: package model + profile -> mapped model. Pure: the input model is not touched; every asset that
 * changes is a new object (assets that do not change are new objects too, so callers may mutate the result).
 *
 * What is rewritten, per asset:
 * - project identifiers: outputs (`<project>.<name>`), root inputs (`<project>_root`), inputs, dependency outputs,
 *   parameter values and the `original` (metadata.project, table guids, calcEngine.project, quality-rule outputs);
 *   code through {@link MappedModel.rewriteCode} (lazy: code is never loaded here);
 * - compute resource (`datasource.name` of engine nodes, tables, resources, functions); an ignored compute resource
 *   excludes the asset;
 * - scheduling resource group (`resourceGroup`, `runtimeResource.resourceGroup` and its id);
 * - data source (`datasource.name` of database nodes; data source assets are renamed to the target);
 * - owner (by the owner rule), parameters (by name), dry-run recurrence.
 * Every reference that is neither mapped, nor ignored, nor present under the same name in the destination, is listed
 * in {@link MappedModel.unmapped}: the plan's gate.
 */

export type {
  AppliedMapping,
  ApplyMappingOptions,
  ExcludedAsset,
  MappedModel,
  MappingKind,
  MappingNotice,
  UnmappedKind,
  UnmappedReference,
} from './mapping-result';

/** One asset mapped, or why it is left out. */
function mapAsset(asset: Asset, ctx: MappingContext): { mapped: Asset } | { excluded: ExcludedAsset } {
  const id = asset.id;
  const isCompute = asset.datasource !== null && ctx.lookup.isComputeReference(asset.datasource);
  if (
    asset.datasource &&
    isCompute &&
    ctx.lookup.computeResource(asset.datasource.name).status === 'ignored'
  ) {
    return {
      excluded: {
        assetId: id,
        name: asset.name,
        kind: asset.kind,
        computeResource: asset.datasource.name,
        reason: `compute resource ${asset.datasource.name} is ignored by the profile`,
      },
    };
  }

  const outputs: NodeOutput[] = asset.outputs.map((o) => ({
    ...o,
    data: ctx.projectRef(o.data, id, 'outputs', false),
  }));
  const inputs: NodeOutput[] = asset.inputs.map((o) => {
    const external =
      o.data.endsWith('_root') || !asset.dependencies.some((d) => d.output === o.data && d.targetId !== null);
    return { ...o, data: ctx.projectRef(o.data, id, 'inputs', external) };
  });
  const dependencies: Dependency[] = asset.dependencies.map((d) => ({
    ...d,
    output: d.output === null ? null : ctx.projectRef(d.output, id, 'dependencies', d.targetId === null),
  }));

  let datasource = asset.datasource;
  if (datasource) {
    const name = isCompute
      ? ctx.collect.record(
          'compute-resource',
          datasource.name,
          datasource.type,
          ctx.lookup.computeResource(datasource.name),
          id,
          'datasource',
        )
      : ctx.collect.record(
          'data-source',
          datasource.name,
          datasource.type,
          ctx.lookup.dataSource(datasource.name),
          id,
          'datasource',
        );
    datasource = { ...datasource, name };
  }

  let resourceGroup = asset.resourceGroup;
  if (resourceGroup)
    resourceGroup = ctx.collect.record(
      'resource-group',
      resourceGroup,
      'scheduling',
      ctx.lookup.resourceGroup(resourceGroup, 'scheduling'),
      id,
      'resourceGroup',
    );

  let name = asset.name;
  if (asset.kind === 'datasource') {
    const resolution = ctx.lookup.dataSource(asset.name);
    if (resolution.status === 'mapped')
      name = ctx.collect.record('data-source', asset.name, asset.nodeType, resolution, id, 'name');
  }

  const parameters: Parameter[] = asset.parameters.map((p) => {
    const set = ctx.parameterValues.get(p.name);
    let value = p.value;
    if (set !== undefined && set !== value) {
      ctx.collect.apply(id, {
        kind: 'parameter',
        from: `${p.name}=${value ?? ''}`,
        to: `${p.name}=${set}`,
        field: 'parameters',
        via: 'profile',
      });
      value = set;
    } else if (value !== null) {
      const next = ctx.renamer.rewrite(value);
      if (next !== value)
        ctx.collect.apply(id, {
          kind: 'project',
          from: value,
          to: next,
          field: 'parameters',
          via: 'profile',
        });
      value = next;
    }
    return { ...p, value };
  });

  let owner = asset.owner;
  if (owner !== null) {
    const outcome = resolveOwner(owner, ctx.profile.owner, ctx.destination);
    if (outcome.owner === null) ctx.collect.miss('owner', owner, null, id, 'owner');
    else if (outcome.owner !== owner || outcome.via !== 'owner-rule')
      ctx.collect.apply(id, {
        kind: 'owner',
        from: owner,
        to: outcome.owner,
        field: 'owner',
        via: outcome.via,
      });
    owner = outcome.owner ?? owner;
  }

  let schedule = asset.schedule;
  const dryRunRecurrence = ctx.dryRunIds.has(id) ? ctx.profile.dryRun.recurrence : null;
  if (dryRunRecurrence) {
    ctx.collect.apply(id, {
      kind: 'dry-run',
      from: schedule?.recurrence ?? 'Normal',
      to: dryRunRecurrence,
      field: 'recurrence',
      via: 'profile',
    });
    if (schedule) schedule = { ...schedule, recurrence: dryRunRecurrence };
  }

  const original = rewriteOriginal(asset.original, {
    renamer: ctx.renamer,
    outputs,
    inputs,
    datasourceName: datasource?.name ?? null,
    resourceGroup,
    resourceGroupId:
      resourceGroup && resourceGroup !== asset.resourceGroup
        ? (ctx.destGroupIds.get(resourceGroup) ?? null)
        : undefined,
    owner,
    ownerName:
      owner !== asset.owner
        ? (ctx.destination?.members.find((m) => m.accountId === owner)?.accountName ?? null)
        : undefined,
    parameterValues: ctx.parameterValues,
    recurrence: dryRunRecurrence,
    destination: ctx.destination,
    name: name !== asset.name ? name : null,
  });

  return {
    mapped: {
      ...asset,
      name,
      outputs,
      inputs,
      dependencies,
      datasource,
      resourceGroup,
      parameters,
      owner,
      schedule,
      // Alert / notification settings of quality rules never travel: what lands (and is hashed) has none.
      original: asset.kind === 'quality-rule' ? withoutQualityRuleAlerts(original) : original,
    },
  };
}

/** Applies `profile` to a package model. See the module comment for what changes. */
export function applyMapping(
  model: ModelLike,
  profile: MappingProfile,
  options: ApplyMappingOptions = {},
): MappedModel {
  return startMapping(model, profile, options).finish(options.codeScan);
}

/** The assets mapped, waiting for the code scan's references to make the {@link MappedModel}. */
export interface MappingInProgress {
  /** The mapped assets, final already: finish adds only what the code references bring (records and notices). */
  readonly assets: readonly Asset[];
  /** Records the code references (none when `codeScan` is undefined) and returns the mapping, as applyMapping. */
  finish(codeScan: CodeScan | null | undefined): MappedModel;
}

/**
 * applyMapping in two steps, the same result: the assets are mapped at once, and the references the code scan
 * found in their code are recorded when it has them. The plan maps while the code is still being scanned.
 */
export function startMapping(
  model: ModelLike,
  profile: MappingProfile,
  options: Omit<ApplyMappingOptions, 'codeScan'> = {},
): MappingInProgress {
  const ctx = mappingContext(model, profile, options);
  const { lookup, dryRun } = ctx;
  const notices: MappingNotice[] = [];

  if (
    model.projectIdentifier &&
    model.projectIdentifier !== profile.sourceProject &&
    !lookup.knowsProject(model.projectIdentifier)
  )
    notices.push({
      severity: 'warning',
      code: 'source-project-mismatch',
      message: `the package comes from project ${model.projectIdentifier} but the profile maps ${profile.sourceProject}`,
      assetIds: [],
    });
  if (dryRun.unknownIds.length > 0)
    notices.push({
      severity: 'warning',
      code: 'dry-run-unknown-node',
      message: `${dryRun.unknownIds.length} dry-run node id(s) are not nodes of this package`,
      assetIds: dryRun.unknownIds,
    });

  const excluded: ExcludedAsset[] = [];
  const mapped: Asset[] = [];
  for (const asset of model.assets) {
    const result = mapAsset(asset, ctx);
    if ('excluded' in result) excluded.push(result.excluded);
    else mapped.push(result.mapped);
  }

  return {
    assets: mapped,
    finish: (codeScan) => finishMapping(model, ctx, notices, { mapped, excluded }, codeScan),
  };
}

/** The second step of {@link startMapping}: code references, then the notices that need every asset mapped. */
function finishMapping(
  model: ModelLike,
  ctx: MappingContext,
  notices: MappingNotice[],
  { mapped, excluded }: { mapped: Asset[]; excluded: ExcludedAsset[] },
  codeScan: CodeScan | null | undefined,
): MappedModel {
  const { lookup, collect, dryRun, destination, profile } = ctx;
  // Code references (from the scan): DI data sources and resource groups, projects in SQL/DDL/Python.
  const diName = (name: string) => dataIntegrationName(ctx, name);
  const excludedIds = new Set(excluded.map((e) => e.assetId));
  let codeChanges: string[] | null = null;
  if (codeScan) {
    codeChanges = [];
    for (const asset of model.assets) {
      const refs = codeScan.get(asset.id);
      if (!refs || excludedIds.has(asset.id)) continue;
      let changes = false;
      for (const project of refs.projects) {
        const resolution = lookup.project(project);
        const to = collect.record('project', project, null, resolution, asset.id, 'code');
        if (to !== project) changes = true;
      }
      for (const ds of refs.dataSources) {
        const { kind, resolution } = diName(ds);
        if (collect.record(kind, ds, null, resolution, asset.id, 'code') !== ds) changes = true;
      }
      for (const group of refs.resourceGroups) {
        const resolution = lookup.resourceGroup(group, 'data-integration');
        if (
          collect.record('resource-group', group, 'data-integration', resolution, asset.id, 'code') !== group
        )
          changes = true;
      }
      if (changes) codeChanges.push(asset.id);
    }
  }

  for (const e of excludedIds.size > 0 ? mapped : []) {
    const lost = e.dependencies.filter((d) => d.targetId !== null && excludedIds.has(d.targetId));
    if (lost.length > 0)
      notices.push({
        severity: 'warning',
        code: 'upstream-excluded',
        message: `${e.name} depends on ${lost.length} excluded object(s); that dependency will dangle`,
        assetIds: [e.id],
      });
  }
  const fallbacks = [...collect.applied]
    .filter(([, list]) => list.some((m) => m.kind === 'owner' && m.via === 'fallback'))
    .map(([id]) => id);
  if (fallbacks.length > 0)
    notices.push({
      severity: 'info',
      code: 'owner-fallback',
      message: `${fallbacks.length} object(s) are owned by accounts that are not destination members; they go to the executor`,
      assetIds: fallbacks,
    });
  if (!destination && profile.owner.rule === 'default')
    notices.push({
      severity: 'info',
      code: 'owner-unchecked',
      message: 'no destination given: owners are kept without checking membership',
      assetIds: [],
    });

  return {
    assets: mapped,
    applied: Object.fromEntries(collect.applied),
    excluded,
    unmapped: collect.unmappedList(),
    notices,
    dryRun,
    codeChanges,
    rewriteCode: codeRewriter(ctx),
  };
}

/** Maps a package's assets one at a time, each when first asked for: see {@link assetMapper}. */
export interface AssetMapper {
  /** The asset as applyMapping maps it; null when the profile leaves it out (an ignored compute resource). */
  map(asset: Asset): Asset | null;
  rewriteCode: MappedModel['rewriteCode'];
}

/**
 * The assets of a package mapped on demand, each exactly as {@link applyMapping} maps it, without the package-wide
 * results (gate, notices, applied mappings) that the plan already holds. The import maps each batch as it lands, so
 * it starts writing without mapping the whole package first.
 */
export function assetMapper(
  model: ModelLike,
  profile: MappingProfile,
  options: ApplyMappingOptions = {},
): AssetMapper {
  const ctx = mappingContext(model, profile, options);
  return {
    map(asset) {
      const result = mapAsset(asset, ctx);
      return 'excluded' in result ? null : result.mapped;
    },
    rewriteCode: codeRewriter(ctx),
  };
}
