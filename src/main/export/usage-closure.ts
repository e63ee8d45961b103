import type { Asset } from '../../shared/model/asset';
import type { InclusionReason } from '../../shared/model/export';
import { decodeUtf8 } from '../formats/source/package-source';
import type { WorkspaceSnapshot } from './workspace-snapshot';

/** Code larger than this is not scanned for references (a packaged jar is not code). */
const maxScannedBytes = 4 * 1024 * 1024;
const userKinds = new Set<Asset['kind']>(['node', 'query', 'component', 'function']);

/**
 * Adds the resources, functions and data sources that included objects use, when the workspace holds them:
 * resources named in `##@resource_reference{"…"}` or listed in `fileResources`, functions called by name in code
 * (`normalize_sku(`), data sources named in `datasource.name` or in DI code (`"datasource": "…"`). Functions pull
 * in their own resources. References are found in the description file and the code file of each object.
 */
export async function closeOverUsage(
  snapshot: Pick<WorkspaceSnapshot, 'model' | 'files' | 'source' | 'byId'>,
  included: Map<string, InclusionReason>,
  signal?: AbortSignal,
): Promise<void> {
  const byName = (kind: Asset['kind']) => {
    const map = new Map<string, string[]>();
    for (const a of snapshot.model.assets)
      if (a.kind === kind) map.set(a.name, [...(map.get(a.name) ?? []), a.id]);
    return map;
  };
  const resources = byName('resource');
  const functions = byName('function');
  const datasources = byName('datasource');
  const functionCall =
    functions.size > 0
      ? new RegExp(`(?<![\\w.$])(${[...functions.keys()].map(escape).join('|')})\\s*\\(`, 'gi')
      : null;
  const functionsLower = new Map([...functions].map(([name, ids]) => [name.toLowerCase(), ids]));

  const scanned = new Set<string>();
  const queue = [...included.keys()];
  const add = (ids: string[] | undefined) => {
    for (const id of ids ?? []) {
      if (included.has(id)) continue;
      included.set(id, 'uses');
      queue.push(id);
    }
  };
  for (let i = 0; i < queue.length; i++) {
    signal?.throwIfAborted();
    const asset = snapshot.byId.get(queue[i]);
    if (!asset || !userKinds.has(asset.kind) || scanned.has(asset.id)) continue;
    scanned.add(asset.id);
    if (asset.datasource) add(datasources.get(asset.datasource.name));
    for (const file of snapshot.files.get(asset.id) ?? []) {
      if ((snapshot.source.info(file)?.size ?? 0) > maxScannedBytes) continue;
      const text = decodeUtf8(await snapshot.source.readBytes(file));
      for (const m of text.matchAll(/##@resource_reference\{"([^"]+)"\}/g)) add(resources.get(m[1]));
      for (const m of text.matchAll(/"datasource"\s*:\s*"([^"]+)"/g)) add(datasources.get(m[1]));
      if (functionCall && asset.kind !== 'function') {
        for (const m of text.matchAll(functionCall)) add(functionsLower.get(m[1].toLowerCase()));
      }
    }
    for (const ref of fileResources(asset.original)) {
      if (ref.id !== null && snapshot.byId.has(`resource:${ref.id}`)) add([`resource:${ref.id}`]);
      else if (ref.name !== null) add(resources.get(ref.name));
    }
  }
}

function fileResources(original: unknown): { id: string | null; name: string | null }[] {
  if (typeof original !== 'object' || original === null) return [];
  const list = (original as { fileResources?: unknown }).fileResources;
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    const ref = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; name?: unknown };
    return {
      id: typeof ref.id === 'string' ? ref.id : null,
      name: typeof ref.name === 'string' ? ref.name : null,
    };
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
