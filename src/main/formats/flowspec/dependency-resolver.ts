import type { Asset } from '../../../shared/model/asset';
import type { Problem } from '../../../shared/model/package-model';

const problem = (severity: Problem['severity'], code: string, message: string, entry: string | null, objectId: string | null): Problem => ({
  severity,
  code,
  message,
  entry,
  objectId,
});

/**
 * Drops assets whose id was already seen (first one wins) and reports each duplicate. Several documents of
 * one package can carry the same node: an inner-node export next to its workflow's export, for example.
 */
export function dropDuplicateAssets(assets: Asset[], problems: Problem[]): Asset[] {
  const seen = new Map<string, Asset>();
  const kept: Asset[] = [];
  for (const asset of assets) {
    const first = seen.get(asset.id);
    if (first) {
      problems.push(
        problem('warning', 'duplicate-id', `${asset.origin.entry}: ${asset.kind} ${asset.name} has id ${asset.id}, already used by ${first.kind} ${first.name} in ${first.origin.entry}; the later one is ignored`, asset.origin.entry, asset.id),
      );
      continue;
    }
    seen.set(asset.id, asset);
    kept.push(asset);
  }
  return kept;
}

/**
 * Resolves every dependency to an asset id, in place, the way DataWorks matches them: by output string through
 * an output -> asset index (`<nodeId>`, `<project>.<name>`, ...), then by node id, since a node's id is its
 * default output even when it declares no outputs. Resource and function uses resolve by id, then name.
 * Linear in assets + dependencies. What resolves to nothing stays with `targetId: null`: an external input.
 */
export function resolveDependencies(assets: Asset[], problems: Problem[]): void {
  const byOutput = new Map<string, Asset>();
  const byNodeId = new Map<string, string>();
  const byKindKey = new Map<string, string>();
  for (const asset of assets) {
    for (const output of asset.outputs) {
      const owner = byOutput.get(output.data);
      if (!owner) byOutput.set(output.data, asset);
      else if (owner !== asset)
        problems.push(problem('warning', 'duplicate-output', `${asset.origin.entry}: output ${output.data} of ${asset.name} is also produced by ${owner.name}`, asset.origin.entry, asset.id));
    }
    if ((asset.kind === 'node' || asset.kind === 'workflow') && asset.sourceId !== null && !byNodeId.has(asset.sourceId)) byNodeId.set(asset.sourceId, asset.id);
    if (asset.kind === 'resource' || asset.kind === 'function') {
      for (const key of [asset.sourceId, asset.name]) {
        const indexKey = `${asset.kind}\u0000${key}`;
        if (key !== null && !byKindKey.has(indexKey)) byKindKey.set(indexKey, asset.id);
      }
    }
  }

  let external = 0;
  for (const asset of assets) {
    for (const dep of asset.dependencies) {
      if (dep.type === 'Resource' || dep.type === 'Function') {
        dep.targetId = byKindKey.get(`${dep.type === 'Resource' ? 'resource' : 'function'}\u0000${dep.nodeId}`) ?? null;
      } else {
        const target =
          (dep.output !== null ? (byOutput.get(dep.output)?.id ?? byNodeId.get(dep.output)) : undefined) ??
          (dep.nodeId !== null ? byNodeId.get(dep.nodeId) : undefined);
        dep.targetId = target ?? null;
      }
      if (dep.targetId === null) external += 1;
    }
  }
  if (external > 0) {
    problems.push(
      problem('info', 'external-dependencies', `${external} ${external === 1 ? 'dependency points' : 'dependencies point'} outside the package (other projects, project root, or missing)`, null, null),
    );
  }
}

/**
 * The DataWorks project identifier, from node metadata when the export has it, else from the
 * `<project>.<name>` output real exports give every node.
 */
export function inferProjectIdentifier(assets: Asset[], fromMetadata: string | null): string | null {
  if (fromMetadata) return fromMetadata;
  for (const asset of assets) {
    for (const output of asset.outputs) {
      const suffix = `.${asset.name}`;
      if (output.isDefault !== true && output.data.endsWith(suffix) && output.data.length > suffix.length) return output.data.slice(0, -suffix.length);
    }
  }
  return null;
}
