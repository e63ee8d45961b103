import type { Asset } from '../../shared/model/asset';
import type { InclusionReason, WithDeps } from '../../shared/model/export';

/**
 * Adds to `included` the upstream (what the seeds depend on, through `dependencies[].targetId`) and/or downstream
 * (what depends on them) closure of `seeds`. Iterative breadth-first, so a 20,000-node chain cannot overflow the
 * stack, and cycles end. Objects already included keep their reason.
 */
export function closeOverDependencies(
  assets: readonly Asset[],
  seeds: Iterable<string>,
  withDeps: WithDeps,
  included: Map<string, InclusionReason>,
): void {
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const asset of assets) {
    for (const dep of asset.dependencies) {
      if (dep.targetId === null || dep.targetId === asset.id) continue;
      push(upstream, asset.id, dep.targetId);
      push(downstream, dep.targetId, asset.id);
    }
  }
  const start = [...seeds];
  if (withDeps === 'up' || withDeps === 'both') walk(start, upstream, 'upstream', included);
  if (withDeps === 'down' || withDeps === 'both') walk(start, downstream, 'downstream', included);
}

function walk(
  start: string[],
  edges: Map<string, string[]>,
  reason: InclusionReason,
  included: Map<string, InclusionReason>,
) {
  const seen = new Set(start);
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i]) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
      if (!included.has(next)) included.set(next, reason);
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Adds the quality rules attached to included nodes (a rule depends on the node that writes its table, see
 * formats/flowspec/quality-rule-fields.ts), whatever the closure's direction: a node exported with its dependencies
 * takes the checks on its table along. Rules already included keep their reason.
 */
export function addQualityRulesOf(assets: readonly Asset[], included: Map<string, InclusionReason>): void {
  for (const asset of assets) {
    if (asset.kind !== 'quality-rule' || included.has(asset.id)) continue;
    if (asset.dependencies.some((dep) => dep.targetId !== null && included.has(dep.targetId)))
      included.set(asset.id, 'downstream');
  }
}
