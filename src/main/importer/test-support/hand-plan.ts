import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Asset } from '../../../shared/model/asset';
import type { MappingProfile } from '../../../shared/model/mapping-profile';
import {
  PLAN_FORMAT_VERSION,
  type Plan,
  type PlanObject,
  type PlanWave,
  type WaveKind,
} from '../../../shared/model/plan';
import { readPackage } from '../../formats/read-package';
import { readWorkspaceConfig } from '../../workspace/workspace-config';
import { scanDestination } from '../destination-scan';
import { sha256Of } from '../../formats/known-sha256';
import type { PlanVerifier } from '../import-types';
import { applyMapping } from '../../mapping/apply-mapping';
import { groupedMappings } from '../../plan/plan-mappings';
import { openSpecMaterializer } from '../spec-object-materializer';

/**
 * A plan built by hand for importer tests, independent of the plan engine: every mapped asset of the package, with
 * the action decided by comparing the materialized bytes with the destination's files (equal: unchanged; the main file
 * exists: update; else create); a same-named node with another id in the destination is excluded (conflict policy
 * skip). Hashes are those of {@link testVerifier}.
 */

export const testVerifier: PlanVerifier = {
  async packageHash(packagePath) {
    const model = await readPackage(packagePath);
    return sha256Of(
      model.assets
        .map((a) => `${a.id}\u0000${a.contentHash}`)
        .sort()
        .join('\n'),
    );
  },
  profileHash(profile) {
    return createHash('sha256').update(JSON.stringify(profile)).digest('hex');
  },
  async destinationHash(destination) {
    const files = await scanDestination(destination);
    return sha256Of([...files].map(([p, h]) => `${p}\u0000${h}`).join('\n'));
  },
};

const waveOrder: Record<string, WaveKind> = {
  datasource: 'datasource',
  resource: 'resource',
  function: 'function',
  table: 'table',
  workflow: 'workflow',
  node: 'node',
  'quality-rule': 'quality-rule',
};

function nodeLevels(assets: readonly Asset[]): Map<string, number> {
  const ids = new Set(assets.map((a) => a.id));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const byId = new Map(assets.map((a) => [a.id, a]));
  const of = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const asset = byId.get(id)!;
    let l = 0;
    for (const d of asset.dependencies)
      if (d.targetId && d.targetId !== id && ids.has(d.targetId)) l = Math.max(l, of(d.targetId) + 1);
    visiting.delete(id);
    level.set(id, l);
    return l;
  };
  for (const a of assets) of(a.id);
  return level;
}

type Applied = { kind: string; from: string; to: string; field: string; via: string };

/** Mappings applied to one asset, whether the mapped model keeps them in a Map or (newer) a plain object. */
function appliedFor(applied: unknown, id: string): Applied[] {
  if (applied instanceof Map) return (applied.get(id) as Applied[] | undefined) ?? [];
  return (applied as Record<string, Applied[] | undefined>)[id] ?? [];
}

export async function buildHandPlan(input: {
  packagePath: string;
  destination: string;
  profile: MappingProfile;
  createdAt?: string;
}): Promise<Plan> {
  const model = await readPackage(input.packagePath);
  const config = await readWorkspaceConfig(input.destination);
  const destModel = await readPackage(input.destination);
  const materializer = await openSpecMaterializer(model, input.profile, config);
  try {
    const mapped = applyMapping(model, input.profile, { destination: config });
    const destNames = new Map(destModel.assets.map((a) => [`${a.kind}\u0000${a.name}`, a]));
    const nodes = mapped.assets.filter((a) => a.kind === 'node');
    const levels = nodeLevels(nodes);
    const waveKey = (a: Asset) => {
      const kind = waveOrder[a.kind] ?? 'other';
      return { kind, level: kind === 'node' ? (levels.get(a.id) ?? 0) : 0 };
    };
    const kinds: WaveKind[] = [
      'datasource',
      'resource',
      'function',
      'table',
      'workflow',
      'node',
      'quality-rule',
      'other',
    ];
    const waveList = [...new Set(mapped.assets.map((a) => JSON.stringify(waveKey(a))))]
      .map((k) => JSON.parse(k) as { kind: WaveKind; level: number })
      .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.level - b.level);
    const waveIndex = (a: Asset) =>
      waveList.findIndex((w) => JSON.stringify(w) === JSON.stringify(waveKey(a)));
    const dryRun = new Set(mapped.dryRun.marked);
    const objects: PlanObject[] = [];
    for (const asset of mapped.assets) {
      const base: PlanObject = {
        assetId: asset.id,
        kind: asset.kind,
        name: asset.name,
        nodeType: asset.nodeType,
        folderPath: asset.folderPath,
        action: 'create',
        reason: '',
        wave: waveIndex(asset),
        destination: {
          id: asset.id,
          name: asset.name,
          folderPath: asset.folderPath,
          owner: asset.owner,
          resourceGroup: asset.resourceGroup,
          dataSource: asset.datasource?.name ?? null,
          landingState: asset.kind === 'node' ? 'committed' : 'saved',
          currentState: null,
        },
        dryRun: dryRun.has(asset.id) ? { recurrence: input.profile.dryRun.recurrence } : null,
        effect: null,
        beforeHash: null,
        afterHash: '',
        codeChanged: false,
        diff: null,
        mappingsApplied: groupedMappings(
          appliedFor(mapped.applied, asset.id).map((m) => ({
            section: m.kind,
            from: m.from,
            to: m.to,
            field: m.field,
            via: m.via,
          })),
        ),
        conflictWith: null,
      };
      const clash = destNames.get(`${asset.kind}\u0000${asset.name}`);
      if (clash && clash.id !== asset.id && asset.kind !== 'workflow') {
        objects.push({
          ...base,
          action: 'excluded',
          reason: 'a same-named object with another identity exists (policy skip)',
          conflictWith: { id: clash.id, name: clash.name, folderPath: clash.folderPath },
        });
        continue;
      }
      const [files] = await materializer.filesOf([base]);
      if (files instanceof Error) throw files;
      const afterHash = sha256Of(files.map((f) => `${f.path}\u0000${sha256Of(f.data)}`).join('\n'));
      const existing = await Promise.all(
        files.map((f) => fs.readFile(path.join(input.destination, f.path)).catch(() => null)),
      );
      const beforeHash = existing[0]
        ? sha256Of(
            files.map((f, i) => `${f.path}\u0000${existing[i] ? sha256Of(existing[i]) : ''}`).join('\n'),
          )
        : null;
      const same = files.every((f, i) => existing[i]?.equals(f.data));
      const isWorkflow = asset.kind === 'workflow';
      const action = isWorkflow ? 'unchanged' : same ? 'unchanged' : existing[0] ? 'update' : 'create';
      objects.push({ ...base, action, reason: action, beforeHash, afterHash });
    }
    for (const e of mapped.excluded) {
      const asset = model.assets.find((a) => a.id === e.assetId)!;
      objects.push({
        assetId: e.assetId,
        kind: e.kind,
        name: e.name,
        nodeType: asset.nodeType,
        folderPath: asset.folderPath,
        action: 'excluded',
        reason: e.reason,
        wave: 0,
        destination: {
          id: e.assetId,
          name: e.name,
          folderPath: asset.folderPath,
          owner: null,
          resourceGroup: null,
          dataSource: null,
          landingState: 'saved',
          currentState: null,
        },
        dryRun: null,
        effect: null,
        beforeHash: null,
        afterHash: '',
        codeChanged: false,
        diff: null,
        mappingsApplied: [],
        conflictWith: null,
      });
    }
    objects.sort((a, b) => a.wave - b.wave || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const waves: PlanWave[] = waveList.map((w, index) => ({
      index,
      kind: w.kind,
      level: w.level,
      count: objects.filter((o) => o.wave === index).length,
    }));
    const count = (action: PlanObject['action']) => objects.filter((o) => o.action === action).length;
    return {
      formatVersion: PLAN_FORMAT_VERSION,
      createdAt: input.createdAt ?? '2024-07-01T02:00:00.000Z',
      hashes: {
        package: {
          method: 'assets-sha256',
          value: await testVerifier.packageHash(input.packagePath, 'assets-sha256'),
        },
        profile: testVerifier.profileHash(input.profile),
        destination: await testVerifier.destinationHash(input.destination),
      },
      source: {
        path: model.sourcePath,
        format: model.format,
        container: model.container,
        projectIdentifier: model.projectIdentifier,
      },
      destination: {
        path: path.resolve(input.destination),
        projectIdentifier: config.project.identifier,
        workspaceId: config.project.id ?? null,
        mode: config.mode,
        dataStudio: config.dataStudio,
        edition: config.edition,
      },
      profileName: input.profile.name,
      executor: input.profile.owner.executor ?? null,
      waves,
      objects,
      gate: [],
      findings: [],
      summary: {
        total: objects.length,
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        conflict: count('conflict'),
        excluded: count('excluded'),
        dryRun: objects.filter((o) => o.dryRun).length,
        codeChanged: 0,
        gate: 0,
        errors: 0,
        warnings: 0,
        importable: true,
      },
    };
  } finally {
    await materializer.close();
  }
}
