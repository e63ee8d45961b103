import type { Asset, AssetKind } from '../../shared/model/asset';
import type { PackageModel } from '../../shared/model/package-model';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { openCodeReader, type CodeReader } from '../formats/read-package';
import { assetPlanHash, codeSha } from './plan-hash';

/**
 * The destination as the plan sees it: its objects by identity and by name, and their plan hashes on demand (the
 * code of an object is read only when an imported object is compared with it).
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
  readonly byId = new Map<string, Asset>();
  readonly byName = new Map<string, Asset[]>();
  private readonly hashes = new Map<string, string>();
  private reader: Promise<CodeReader> | null = null;

  constructor(
    readonly config: WorkspaceConfig,
    readonly model: PackageModel,
    /** Plan hashes taken beforehand (a destination snapshot); objects missing here are hashed on demand. */
    planHashes?: ReadonlyMap<string, string>,
  ) {
    if (planHashes) for (const [id, hash] of planHashes) this.hashes.set(id, hash);
    for (const a of model.assets) {
      this.byId.set(a.id, a);
      const key = nameKey(a.kind, a.folderPath, a.name);
      const list = this.byName.get(key);
      if (list) list.push(a);
      else this.byName.set(key, [a]);
    }
  }

  /** A destination object with this name key and another identity than `id`. */
  sameNameOther(kind: AssetKind, folderPath: string, name: string, id: string): Asset | null {
    return this.byName.get(nameKey(kind, folderPath, name))?.find((a) => a.id !== id) ?? null;
  }

  /** True when some destination object (any identity) holds this name key. */
  hasName(kind: AssetKind, folderPath: string, name: string): boolean {
    return this.byName.has(nameKey(kind, folderPath, name));
  }

  /** The plan hash of a destination object (its code read once, then cached). */
  async planHash(asset: Asset): Promise<string> {
    const cached = this.hashes.get(asset.id);
    if (cached) return cached;
    let code: string | null = null;
    if (asset.code) {
      this.reader ??= openCodeReader(this.model);
      const bytes = await (await this.reader).readBytes(asset.id);
      code = bytes ? codeSha(bytes) : null;
    }
    const hash = assetPlanHash(asset, code);
    this.hashes.set(asset.id, hash);
    return hash;
  }

  /** The state of a destination object. */
  stateOf(id: string): 'saved' | 'committed' | 'deployed' {
    return this.config.states[id]?.state ?? 'saved';
  }

  async close(): Promise<void> {
    if (this.reader) await (await this.reader).close();
    this.reader = null;
  }
}
