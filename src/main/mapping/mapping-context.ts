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
import { Collector, type ApplyMappingOptions, type MappedModel, type UnmappedKind } from './mapping-result';

/**
 * What mapping needs before it maps any asset: the profile's lookups, and what the whole package says (the projects
 * it refers to, dry-run marks, the data source names bound as compute resources). Shared by applyMapping, which maps
 * a package at once, and assetMapper, which maps one asset at a time (apply-mapping.ts).
 */

export type ModelLike = Pick<PackageModel, 'assets' | 'projectIdentifier'>;

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

/** What mapping one asset needs: the profile's lookups, and what the whole package says (projects, dry-run marks). */
export interface MappingContext {
  profile: MappingProfile;
  destination: NonNullable<ApplyMappingOptions['destination']> | null;
  lookup: MappingLookup;
  renamer: ProjectRenamer;
  collect: Collector;
  parameterValues: Map<string, string>;
  dryRun: ReturnType<typeof markDryRun>;
  dryRunIds: Set<string>;
  destGroupIds: Map<string, string | undefined>;
  /** Data source names that are compute resources (bound by some asset as its engine). */
  computeNames: Set<string>;
  /** A project seen in an output string rewritten when it is the package's own, a profile entry, or external. */
  projectRef(data: string, assetId: string, field: string, external: boolean): string;
}

export function mappingContext(
  model: ModelLike,
  profile: MappingProfile,
  options: ApplyMappingOptions,
): MappingContext {
  const destination = options.destination ?? null;
  const lookup = new MappingLookup(profile, destination);
  const collect = new Collector();
  const projects = candidateProjects(model, profile);
  const dryRun = markDryRun(model.assets, profile.dryRun);
  const computeNames = new Set<string>();
  for (const a of model.assets)
    if (a.datasource && lookup.isComputeReference(a.datasource)) computeNames.add(a.datasource.name);
  return {
    profile,
    destination,
    lookup,
    renamer: new ProjectRenamer(lookup.projectRenames()),
    collect,
    parameterValues: new Map(profile.parameters.map((p) => [p.name, p.value])),
    dryRun,
    dryRunIds: new Set(dryRun.marked),
    destGroupIds: new Map((destination?.resourceGroups ?? []).map((g) => [g.name, g.id])),
    computeNames,
    projectRef(data, assetId, field, external) {
      const project = projectOfOutput(data);
      if (project === null || !(projects.has(project) || external)) return data;
      const resolution = lookup.project(project);
      const to = collect.record('project', project, null, resolution, assetId, field);
      return resolution.status === 'ignored' || to === project
        ? data
        : rewriteOutputString(data, new Map([[project, to]]));
    },
  };
}

/** A name in Data Integration code: a compute resource when some asset binds it as one, else a data source. */
export function dataIntegrationName(
  ctx: MappingContext,
  name: string,
): { kind: UnmappedKind; resolution: Resolution } {
  return ctx.computeNames.has(name)
    ? { kind: 'compute-resource', resolution: ctx.lookup.computeResource(name) }
    : ctx.lookup.dataIntegrationName(name);
}

export function codeRewriter(ctx: MappingContext): MappedModel['rewriteCode'] {
  return (asset, code) => {
    if (!mayRewriteCode(asset)) return code;
    let next = ctx.renamer.rewrite(code);
    if (isDataIntegrationCode(asset))
      next = rewriteDataIntegrationNames(
        next,
        (n) => targetOr(dataIntegrationName(ctx, n).resolution, n),
        (g) => targetOr(ctx.lookup.resourceGroup(g, 'data-integration'), g),
      );
    return next;
  };
}
