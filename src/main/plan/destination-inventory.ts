import type { AssetKind } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { DestinationObject, DestinationSnapshot } from './destination-snapshot';

/**
 * The destination as the plan sees it: its objects by identity and by name, and their plan hashes (taken with the
 * snapshot).
 *
 * Names: DataWorks keeps node, resource, function and table names unique per workspace (the sample's `dwd_orders`
 * conflict is in another workflow folder), so for those kinds the name alone is the key; for the others (data
 * sources per environment folder, quality rules per table, workflows) the folder is part of it.
 */

const workspaceUniqueKinds = new Set<AssetKind>(['node', 'resource', 'function', 'table']);

/** The key a same-named object is found by. */
export function nameKey(kind: AssetKind, folderPath: string, name: string): string {
  return workspaceUniqueKinds.has(kind) ? `${kind}\u0000${name}` : `${kind}\u0000${folderPath}\u0000${name}`;
}

export class DestinationInventory {
  readonly byId = new Map<string, DestinationObject>();
  readonly byName = new Map<string, DestinationObject[]>();
  readonly config: WorkspaceConfig;
  private readonly planHashes: ReadonlyMap<string, string>;

  constructor(snapshot: DestinationSnapshot) {
    this.config = snapshot.config;
    this.planHashes = snapshot.planHashes;
    for (const a of snapshot.objects) {
      this.byId.set(a.id, a);
      const key = nameKey(a.kind, a.folderPath, a.name);
      const list = this.byName.get(key);
      if (list) list.push(a);
      else this.byName.set(key, [a]);
    }
  }

  /** A destination object with this name key and another identity than `id`. */
  sameNameOther(kind: AssetKind, folderPath: string, name: string, id: string): DestinationObject | null {
    return this.byName.get(nameKey(kind, folderPath, name))?.find((a) => a.id !== id) ?? null;
  }

  /** True when some destination object (any identity) holds this name key. */
  hasName(kind: AssetKind, folderPath: string, name: string): boolean {
    return this.byName.has(nameKey(kind, folderPath, name));
  }

  /** The plan hash of a destination object. */
  planHash(asset: Pick<DestinationObject, 'id'>): string {
    const hash = this.planHashes.get(asset.id);
    if (hash === undefined) throw new Error(`destination object ${asset.id} has no plan hash in the snapshot`);
    return hash;
  }

  /** The state of a destination object. */
  stateOf(id: string): 'saved' | 'committed' | 'deployed' {
    return this.config.states[id]?.state ?? 'saved';
  }
}
