import type { Asset, Dependency, NodeOutput, Parameter } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import {
  isDataIntegrationCode,
  mayRewriteCode,
  ProjectRenamer,
  projectOfOutput,
  rewriteDataIntegrationNames,
  rewriteOutputString,
} from './code-rewrite';
import { markDryRun } from './dry-run';
import { MappingLookup, targetOr, type Resolution } from './mapping-lookup';
import {
  Collector,
  type ApplyMappingOptions,
  type ExcludedAsset,
  type MappedModel,
  type MappingNotice,
  type UnmappedKind,
} from './mapping-result';
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

type ModelLike = Pick<PackageModel, 'assets' | 'projectIdentifier'>;

/** Project identifiers a package refers to: its own, prefixes of external inputs and root inputs, profile entries. */
export function candidateProjects(
  model: ModelLike,
  profile?: Pick<MappingProfile, 'sourceProject' | 'projects'>,
): Set<string> {
  const found = new Set<string>();
  if (model.projectIdentifier) found.add(model.projectIdentifier);
  if (profile) {
    found.add(profile.sourceProject);
    for (const p of profile.projects) found.add(p.source);
  }
  for (const asset of model.assets) {
    for (const input of asset.inputs) {
      const project = projectOfOutput(input.data);
      if (
        project &&
        (input.data.endsWith('_root') ||
          !asset.dependencies.some((d) => d.output === input.data && d.targetId))
      )
        found.add(project);
    }
    for (const dep of asset.dependencies) {
      const project = dep.output ? projectOfOutput(dep.output) : null;
      if (project && dep.targetId === null) found.add(project);
    }
  }
  return found;
}

/** Applies `profile` to a package model. See the module comment for what changes. */
export function applyMapping(
  model: ModelLike,
  profile: MappingProfile,
  options: ApplyMappingOptions = {},
): MappedModel {
  const destination = options.destination ?? null;
  const lookup = new MappingLookup(profile, destination);
  const renamer = new ProjectRenamer(lookup.projectRenames());
  const collect = new Collector();
  const notices: MappingNotice[] = [];
  const projects = candidateProjects(model, profile);
  const parameterValues = new Map(profile.parameters.map((p) => [p.name, p.value]));
  const dryRun = markDryRun(model.assets, profile.dryRun);
  const dryRunIds = new Set(dryRun.marked);
  const destGroupIds = new Map((destination?.resourceGroups ?? []).map((g) => [g.name, g.id]));
  const computeNames = new Set<string>();
  for (const a of model.assets)
    if (a.datasource && lookup.isComputeReference(a.datasource)) computeNames.add(a.datasource.name);

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

  /** A project seen in an output string: the package's own, a profile entry, or a cross-project reference. */
  const projectRef = (data: string, assetId: string, field: string, external: boolean): string => {
    const project = projectOfOutput(data);
    if (project === null || !(projects.has(project) || external)) return data;
    const resolution = lookup.project(project);
    const to = collect.record('project', project, null, resolution, assetId, field);
    return resolution.status === 'ignored' || to === project
      ? data
      : rewriteOutputString(data, new Map([[project, to]]));
  };

  const excluded: ExcludedAsset[] = [];
  const mapped: Asset[] = [];
  for (const asset of model.assets) {
    const id = asset.id;
    const isCompute = asset.datasource !== null && lookup.isComputeReference(asset.datasource);
    if (asset.datasource && isCompute && lookup.computeResource(asset.datasource.name).status === 'ignored') {
      excluded.push({
        assetId: id,
        name: asset.name,
        kind: asset.kind,
        computeResource: asset.datasource.name,
        reason: `compute resource ${asset.datasource.name} is ignored by the profile`,
      });
      continue;
    }

    const outputs: NodeOutput[] = asset.outputs.map((o) => ({
      ...o,
      data: projectRef(o.data, id, 'outputs', false),
    }));
    const inputs: NodeOutput[] = asset.inputs.map((o) => {
      const external =
        o.data.endsWith('_root') ||
        !asset.dependencies.some((d) => d.output === o.data && d.targetId !== null);
      return { ...o, data: projectRef(o.data, id, 'inputs', external) };
    });
    const dependencies: Dependency[] = asset.dependencies.map((d) => ({
      ...d,
      output: d.output === null ? null : projectRef(d.output, id, 'dependencies', d.targetId === null),
    }));

    let datasource = asset.datasource;
    if (datasource) {
      const name = isCompute
        ? collect.record(
            'compute-resource',
            datasource.name,
            datasource.type,
            lookup.computeResource(datasource.name),
            id,
            'datasource',
          )
        : collect.record(
            'data-source',
            datasource.name,
            datasource.type,
            lookup.dataSource(datasource.name),
            id,
            'datasource',
          );
      datasource = { ...datasource, name };
    }

    let resourceGroup = asset.resourceGroup;
    if (resourceGroup)
      resourceGroup = collect.record(
        'resource-group',
        resourceGroup,
        'scheduling',
        lookup.resourceGroup(resourceGroup, 'scheduling'),
        id,
        'resourceGroup',
      );

    let name = asset.name;
    if (asset.kind === 'datasource') {
      const resolution = lookup.dataSource(asset.name);
      if (resolution.status === 'mapped')
        name = collect.record('data-source', asset.name, asset.nodeType, resolution, id, 'name');
    }

    const parameters: Parameter[] = asset.parameters.map((p) => {
      const set = parameterValues.get(p.name);
      let value = p.value;
      if (set !== undefined && set !== value) {
        collect.apply(id, {
          kind: 'parameter',
          from: `${p.name}=${value ?? ''}`,
          to: `${p.name}=${set}`,
          field: 'parameters',
          via: 'profile',
        });
        value = set;
      } else if (value !== null) {
        const next = renamer.rewrite(value);
        if (next !== value)
          collect.apply(id, { kind: 'project', from: value, to: next, field: 'parameters', via: 'profile' });
        value = next;
      }
      return { ...p, value };
    });

    let owner = asset.owner;
    if (owner !== null) {
      const outcome = resolveOwner(owner, profile.owner, destination);
      if (outcome.owner === null) collect.miss('owner', owner, null, id, 'owner');
      else if (outcome.owner !== owner || outcome.via !== 'owner-rule')
        collect.apply(id, {
          kind: 'owner',
          from: owner,
          to: outcome.owner,
          field: 'owner',
          via: outcome.via,
        });
      owner = outcome.owner ?? owner;
    }

    let schedule = asset.schedule;
    const dryRunRecurrence = dryRunIds.has(id) ? profile.dryRun.recurrence : null;
    if (dryRunRecurrence) {
      collect.apply(id, {
        kind: 'dry-run',
        from: schedule?.recurrence ?? 'Normal',
        to: dryRunRecurrence,
        field: 'recurrence',
        via: 'profile',
      });
      if (schedule) schedule = { ...schedule, recurrence: dryRunRecurrence };
    }

    const original = rewriteOriginal(asset.original, {
      renamer,
      outputs,
      inputs,
      datasourceName: datasource?.name ?? null,
      resourceGroup,
      resourceGroupId:
        resourceGroup && resourceGroup !== asset.resourceGroup
          ? (destGroupIds.get(resourceGroup) ?? null)
          : undefined,
      owner,
      ownerName:
        owner !== asset.owner
          ? (destination?.members.find((m) => m.accountId === owner)?.accountName ?? null)
          : undefined,
      parameterValues,
      recurrence: dryRunRecurrence,
      destination,
      name: name !== asset.name ? name : null,
    });

    mapped.push({
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
    });
  }

  // Code references (from the scan): DI data sources and resource groups, projects in SQL/DDL/Python.
  const diName = (name: string): { kind: UnmappedKind; resolution: Resolution } =>
    computeNames.has(name)
      ? { kind: 'compute-resource', resolution: lookup.computeResource(name) }
      : lookup.dataIntegrationName(name);
  const excludedIds = new Set(excluded.map((e) => e.assetId));
  let codeChanges: string[] | null = null;
  if (options.codeScan) {
    codeChanges = [];
    for (const asset of model.assets) {
      const refs = options.codeScan.get(asset.id);
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

  const rewriteCode = (asset: Pick<Asset, 'kind' | 'code' | 'nodeType' | 'engine'>, code: string): string => {
    if (!mayRewriteCode(asset)) return code;
    let next = renamer.rewrite(code);
    if (isDataIntegrationCode(asset))
      next = rewriteDataIntegrationNames(
        next,
        (n) => targetOr(diName(n).resolution, n),
        (g) => targetOr(lookup.resourceGroup(g, 'data-integration'), g),
      );
    return next;
  };

  return {
    assets: mapped,
    applied: Object.fromEntries(collect.applied),
    excluded,
    unmapped: collect.unmappedList(),
    notices,
    dryRun,
    codeChanges,
    rewriteCode,
  };
}
