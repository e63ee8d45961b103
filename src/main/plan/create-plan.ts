import { promises as fs } from 'node:fs';
import type { Asset } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import {
  PLAN_FORMAT_VERSION,
  type AppliedMapping as PlanAppliedMapping,
  type EffectDay,
  type GateItem,
  type Plan,
  type PlanAction,
  type PlanFinding,
  type PlanObject,
  type PlanSummary,
} from '../../shared/model/plan';
import type { ObjectState, WorkspaceConfig } from '../../shared/model/workspace';
import { openCodeReader, type CodeReader } from '../formats/read-package';
import type { AppliedMapping, MappedModel, UnmappedReference } from '../mapping/apply-mapping';
import { qualityRuleAlertKeys } from '../formats/flowspec/quality-rule-fields';
import { landingState } from './commit-rules';
import type { DestinationObject, DestinationSnapshot } from './destination-snapshot';
import { DestinationInventory } from './destination-inventory';
import { effectDay } from './effect-day';
import { DIFF_TEXT_CAP } from './line-diff';
import { assetPlanHash, hashDestination, hashPackage, hashProfile } from './plan-hash';
import { PlanMappingForms } from './plan-mappings';
import {
  checkCombination,
  checkComputeMapped,
  checkComputeTypes,
  checkEditionLimits,
  checkExecutorRole,
  checkParameterNames,
  checkQualityRuleNodes,
  checkQualityRuleOverwrites,
  checkQualityRules,
  checkResourceGroupIgnore,
  computeReferences,
  tableKeys,
} from './seed-rules';
import { DIFF_BUDGET, preparePackageSide, withPlanExecutor, type PreparedPackageSide } from './code-scan';
import { canonicalJson } from '../formats/flowspec/content-hash';

/**
 * Preview = a plan: package + profile + destination inventory -> what happens to every object (see
 * `src/shared/model/plan.ts`). Reads code once per source asset (hash + reference scan), rewrites and diffs only the
 * assets whose code refers to something the mapping changes, and reads destination code only for objects that an
 * imported one is compared with. Everything else is map lookups: no pass is quadratic.
 */

export interface CreatePlanInput {
  /** The package, read with readPackage. */
  model: PackageModel;
  /** Reads the package's code; the package is opened again when not given (see openPackage). Not closed here. */
  codeReader?: CodeReader;
  /** The package side, when prepared beforehand with the same profile, executor and diff settings (preparePackageSide). */
  packageSide?: PreparedPackageSide;
  profile: MappingProfile;
  /** The destination workspace: its workspace.json, its objects and their plan hashes (see destination-snapshot.ts). */
  destination: DestinationSnapshot;
  /** The source workspace's description when the package is a local workspace (enables the combination check). */
  source?: { config: WorkspaceConfig | null } | null;
  /** The account running the import (owner fallback, role check); the profile's `owner.executor` wins when set. */
  executor: string | null;
  /** Plan time, also the deployment time effect days are computed from. */
  now: Date;
  /** Identity ledger: source asset id -> destination object id from earlier imports (defaults to the same id). */
  identities?: ReadonlyMap<string, string>;
  /** sha256 of the package file, when taken beforehand (a scan worker does); null or omitted: hashed here. */
  packageSha?: Promise<string | null>;
  /** Size of the package file in bytes (edition limits); taken from the file when omitted and the package is one. */
  packageSize?: number | null;
  /** Record code diffs in the plan (default true); the cap is per diff, the budget for all, in characters. */
  diffs?: boolean;
  diffCap?: number;
  diffBudget?: number;
  signal?: AbortSignal;
}

const sectionOf: Record<AppliedMapping['kind'], string> = {
  project: 'projects',
  'compute-resource': 'computeResources',
  'resource-group': 'resourceGroups',
  'data-source': 'dataSources',
  owner: 'owner',
  parameter: 'parameters',
  'dry-run': 'dryRun',
};

/** The gate item for an unmapped reference: what it is, where, and which profile section fixes it. */
export function gateItem(ref: UnmappedReference, names: ReadonlyMap<string, string>): GateItem {
  const section = sectionOf[ref.kind];
  const what: Record<UnmappedReference['kind'], string> = {
    project: 'project',
    'compute-resource': 'compute resource',
    'resource-group': `${ref.type ?? ''} resource group`.trim(),
    'data-source': 'data source',
    owner: 'owner',
  };
  const holders = ref.where.slice(0, 5).map((id) => names.get(id) ?? id);
  const more = ref.where.length > 5 ? ` and ${ref.where.length - 5} more` : '';
  const fix = ref.kind === 'owner' ? 'set an executor or map the owner (profile section owner)' : `map it or ignore it in the profile section ${section}`;
  return {
    kind: ref.kind,
    source: ref.source,
    assetIds: ref.where,
    fix: section,
    message: `${what[ref.kind]} ${ref.source} (in ${ref.fields.join(', ')} of ${holders.join(', ')}${more}) is neither mapped nor ignored: ${fix}`,
  };
}

/** The mappings applied to one asset; `applied` is a Map in older and a plain object in newer apply-mapping. */
function appliedFor(applied: MappedModel['applied'], id: string): AppliedMapping[] | undefined {
  const value: unknown = applied;
  if (value instanceof Map) return (value as Map<string, AppliedMapping[]>).get(id);
  const record = value as Record<string, AppliedMapping[]>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * An object's applied mappings and, for a quality rule, its alert / notification settings, which the import leaves
 * out (they never travel), as one more, so the plan and the report say so on the object itself.
 */
function withAlertsLeftOut(applied: PlanAppliedMapping[], source: Asset): PlanAppliedMapping[] {
  if (source.kind !== 'quality-rule') return applied;
  const keys = qualityRuleAlertKeys(source.original);
  return keys.length === 0 ? applied : [...applied, { section: 'qualityRuleAlerts', from: keys.join(', '), to: 'not carried', fields: ['alerts'], via: 'never-travels' }];
}

/** A free name `<name>_<n>` for the rename policy, not held in the destination nor by another planned object. */
function freeName(asset: Asset, taken: (name: string) => boolean): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${asset.name}_${n}`;
    if (!taken(candidate)) return candidate;
  }
}

async function packageSizeOf(model: PackageModel, given: number | null | undefined): Promise<number | null> {
  if (given !== undefined) return given;
  if (model.container === 'folder') return null;
  return (await fs.stat(model.sourcePath)).size;
}

/** Builds the plan. Throws only for I/O failures; every problem with the import itself is a finding or gate item. */
export async function createPlan(input: CreatePlanInput): Promise<Plan> {
  const { model, destination, now, signal } = input;
  const { executor, profile } = withPlanExecutor(input.profile, input.executor);
  const sourceConfig = input.source?.config ?? null;
  const withDiffs = input.diffs ?? true;
  const cap = input.diffCap ?? DIFF_TEXT_CAP;

  const reader = input.codeReader ?? (await openCodeReader(model, { signal }));
  const inventory = new DestinationInventory(destination);
  try {
    // 1. Source code, read once: hashes, references, and the rewrite where a reference is; then the mapping. A scan
    // made beforehand (beside the destination read) serves when it was made against this same workspace.json.
    const diffs = { cap, budget: withDiffs ? (input.diffBudget ?? DIFF_BUDGET) : 0 };
    const given = input.packageSide && canonicalJson(input.packageSide.destinationConfig) === canonicalJson(destination.config) ? input.packageSide : null;
    const { codes, mapped, afterHashes, waves: assigned } =
      given ?? (await preparePackageSide({ model, reader, profile, destinationConfig: destination.config, diffs, signal }));

    // 3. Waves over the whole package (excluded objects keep a place, so the order reads the same in every plan).
    const { waves, waveOf, cycles } = assigned;
    const names = new Map(model.assets.map((a) => [a.id, a.name] as const));
    const findings: PlanFinding[] = [];
    for (const members of cycles)
      findings.push({
        severity: 'error',
        code: 'dependency-cycle',
        rule: 'dependency-cycle',
        assetId: members[0],
        message: `dependency cycle: ${members.map((id) => names.get(id) ?? id).join(' -> ')} -> ${names.get(members[0]) ?? members[0]}`,
      });

    // 4. One object per source asset.
    const mappedById = new Map(mapped.assets.map((a) => [a.id, a]));
    const excludedByMapping = new Map(mapped.excluded.map((e) => [e.assetId, e]));
    const dryRunIds = new Set(mapped.dryRun.marked);
    const plannedNames = new Set<string>();
    const mappingForms = new PlanMappingForms<AppliedMapping>((m) => ({ section: sectionOf[m.kind], from: m.from, to: m.to, field: m.field, via: m.via }));
    const objects: PlanObject[] = [];
    const bindsToDestination = (a: Asset) =>
      a.kind === 'datasource' && destination.config.dataSources.some((d) => d.name === a.name) && !inventory.byId.has(a.id);

    for (const source of model.assets) {
      signal?.throwIfAborted();
      const asset = mappedById.get(source.id) ?? source;
      const excluded = excludedByMapping.get(source.id);
      const code = codes.get(source.id);
      const codeHash = code?.after?.sha ?? code?.sha ?? null;
      const targetId = input.identities?.get(source.id) ?? source.id;
      const byId = inventory.byId.get(targetId) ?? null;
      const other = inventory.sameNameOther(asset.kind, asset.folderPath, asset.name, targetId);

      let action: PlanAction;
      let reason: string;
      let landingName = asset.name;
      let landingFolder = asset.folderPath;
      let landingId = targetId;
      let replaced: DestinationObject | null = byId;
      let conflictWith: PlanObject['conflictWith'] = null;

      if (excluded) {
        [action, reason, replaced] = ['excluded', excluded.reason, null];
      } else if (bindsToDestination(asset)) {
        [action, reason, replaced] = ['excluded', `bound to the destination's own data source ${asset.name}: its connection is used, not the package's`, null];
      } else if (other) {
        conflictWith = { id: other.id, name: other.name, folderPath: other.folderPath };
        const where = `${other.kind} ${other.name} (id ${other.id}${other.folderPath ? `, in ${other.folderPath}` : ''})`;
        switch (profile.conflictPolicy) {
          case 'refuse':
            [action, reason, replaced] = ['conflict', `the destination has a same-named ${where} with another identity; conflict policy refuse`, null];
            break;
          case 'skip':
            [action, reason, replaced] = ['excluded', `the destination has a same-named ${where}; conflict policy skip leaves it alone`, null];
            break;
          case 'overwrite':
            [landingId, landingFolder, replaced] = [other.id, asset.folderPath, other];
            [action, reason] = ['update', `overwrites the same-named ${where} (conflict policy overwrite)`];
            break;
          case 'rename': {
            const keep = byId && byId.name !== asset.name && !inventory.sameNameOther(asset.kind, asset.folderPath, byId.name, targetId);
            landingName = keep ? byId.name : freeName(asset, (n) => inventory.hasName(asset.kind, asset.folderPath, n) || plannedNames.has(`${asset.kind}\u0000${n}`));
            [action, reason] = [byId ? 'update' : 'create', `the name is held by ${where}; lands as ${landingName} (conflict policy rename)`];
            break;
          }
        }
      } else if (byId) {
        [action, reason] = ['update', 'same identity in the destination, with other content after mapping'];
      } else {
        [action, reason, replaced] = ['create', 'not in the destination', null];
      }
      plannedNames.add(`${asset.kind}\u0000${landingName}`);

      const afterHash =
        landingName === asset.name && landingFolder === asset.folderPath && afterHashes.has(asset.id)
          ? afterHashes.get(asset.id)!
          : assetPlanHash(asset, codeHash, { name: landingName, folderPath: landingFolder });
      const beforeHash = replaced ? inventory.planHash(replaced) : null;
      if (action === 'update' && beforeHash === afterHash) {
        action = 'unchanged';
        reason = replaced === byId ? 'same identity and same content after mapping' : `${reason}; same content, nothing to write`;
      }
      const lands = action === 'create' || action === 'update' || action === 'unchanged';
      const currentState: ObjectState | null = replaced ? inventory.stateOf(replaced.id) : null;
      const landing = action === 'unchanged' && currentState ? currentState : landingState(asset.kind, profile.commitRules);
      let effect: EffectDay | null = null;
      if (asset.kind === 'node' && (action === 'create' || action === 'update')) {
        effect =
          landing === 'deployed'
            ? effectDay({
                cron: asset.schedule?.cron ?? null,
                instanceMode: asset.schedule?.instanceMode ?? null,
                triggerType: asset.schedule?.triggerType ?? null,
                timezone: asset.schedule?.timezone ?? null,
                deployedAt: now,
              })
            : { day: null, rule: 'not-deployed', timezone: asset.schedule?.timezone ?? 'Asia/Shanghai', explanation: `lands ${landing}: takes effect once deployed` };
      }

      objects.push({
        assetId: source.id,
        kind: source.kind,
        name: source.name,
        nodeType: source.nodeType,
        folderPath: source.folderPath,
        action,
        reason,
        wave: waveOf.get(source.id) ?? 0,
        destination: {
          id: landingId,
          name: landingName,
          folderPath: landingFolder,
          owner: asset.owner,
          resourceGroup: asset.resourceGroup,
          dataSource: asset.datasource?.name ?? null,
          landingState: landing,
          currentState,
        },
        dryRun: lands && dryRunIds.has(source.id) ? { recurrence: profile.dryRun.recurrence } : null,
        effect,
        beforeHash,
        afterHash,
        codeChanged: code?.after != null,
        diff: code?.after?.diff ?? null,
        mappingsApplied: withAlertsLeftOut(mappingForms.of(appliedFor(mapped.applied, source.id)), source),
        conflictWith,
      });
    }
    objects.sort((a, b) => a.wave - b.wave || a.name.localeCompare(b.name) || a.assetId.localeCompare(b.assetId));

    // 5. Seed rules, conflicts, mapping notices, package problems.
    const excludedIds = new Set(objects.filter((o) => o.action === 'excluded').map((o) => o.assetId));
    const refs = computeReferences(model.assets, profile, destination.config, sourceConfig);
    const deploys = objects.some((o) => o.kind !== 'datasource' && (o.action === 'create' || o.action === 'update') && o.destination.landingState === 'deployed');
    const tablesAfter = new Set<string>();
    for (const a of destination.objects) if (a.kind === 'table') for (const k of tableKeys(a)) tablesAfter.add(k);
    const landed = new Set(objects.filter((o) => o.action !== 'excluded' && o.action !== 'conflict').map((o) => o.assetId));
    for (const a of mapped.assets) if (a.kind === 'table' && landed.has(a.id)) for (const k of tableKeys(a)) tablesAfter.add(k);
    findings.push(
      ...checkCombination(sourceConfig, destination.config),
      ...checkComputeMapped(refs, profile, destination.config),
      ...checkComputeTypes(refs, excludedIds, destination.config),
      ...checkResourceGroupIgnore(profile, destination.config, sourceConfig),
      ...checkParameterNames(mapped.assets),
      ...checkExecutorRole(executor, destination.config, deploys),
      ...checkEditionLimits(profile, destination.config, await packageSizeOf(model, input.packageSize)),
      ...checkQualityRules(mapped.assets.filter((a) => a.kind === 'quality-rule' && landed.has(a.id)), tablesAfter, {
        written: new Set(objects.filter((o) => o.action === 'create' || o.action === 'update').map((o) => o.assetId)),
        alertsOf: (id) => qualityRuleAlertKeys(model.assets.find((a) => a.id === id)?.original),
      }),
      ...checkQualityRuleNodes(
        mapped.assets.filter((a) => a.kind === 'quality-rule' && landed.has(a.id)),
        (id) => objects.find((o) => o.assetId === id),
      ),
      ...checkQualityRuleOverwrites(
        objects
          .filter((o) => o.kind === 'quality-rule' && o.action === 'update')
          .map((o) => ({ assetId: o.assetId, name: o.name, destination: inventory.byId.get(o.destination.id) })),
      ),
    );
    for (const o of objects) {
      if (!o.conflictWith) continue;
      const refused = o.action === 'conflict';
      findings.push({
        severity: refused ? 'error' : 'warning',
        code: 'name-conflict',
        rule: 'name-conflict',
        assetId: o.assetId,
        message: `${o.kind} ${o.name}: ${o.reason}`,
      });
    }
    for (const n of mapped.notices)
      findings.push({ severity: n.severity, code: n.code, rule: n.code === 'owner-fallback' ? 'owner-fallback' : 'mapping', assetId: n.assetIds[0] ?? null, message: n.message });
    for (const p of model.problems)
      if (p.severity !== 'info') findings.push({ severity: p.severity, code: p.code, rule: 'package-problem', assetId: p.objectId, message: p.message });

    const gate = mapped.unmapped.map((ref) => gateItem(ref, names));
    const packageHash = await hashPackage(model, await input.packageSha);
    return {
      formatVersion: PLAN_FORMAT_VERSION,
      createdAt: now.toISOString(),
      hashes: { package: packageHash, profile: hashProfile(input.profile), destination: hashDestination(destination.config, destination.planHashes) },
      source: { path: model.sourcePath, format: model.format, container: model.container, projectIdentifier: model.projectIdentifier },
      destination: {
        path: destination.path,
        projectIdentifier: destination.config.project.identifier,
        workspaceId: destination.config.project.id ?? null,
        mode: destination.config.mode,
        dataStudio: destination.config.dataStudio,
        edition: destination.config.edition,
      },
      profileName: profile.name,
      executor,
      waves,
      objects,
      gate,
      findings,
      summary: summarize(objects, gate, findings),
    };
  } finally {
    if (!input.codeReader) await reader.close();
  }
}

/** Counts per action, dry runs, code changes, gate items and findings; importable when nothing blocks. */
export function summarize(objects: readonly PlanObject[], gate: readonly GateItem[], findings: readonly PlanFinding[]): PlanSummary {
  const count = (action: PlanAction) => objects.filter((o) => o.action === action).length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const conflict = count('conflict');
  return {
    total: objects.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    conflict,
    excluded: count('excluded'),
    dryRun: objects.filter((o) => o.dryRun !== null).length,
    codeChanged: objects.filter((o) => o.codeChanged).length,
    gate: gate.length,
    errors,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    importable: gate.length === 0 && conflict === 0 && errors === 0,
  };
}
