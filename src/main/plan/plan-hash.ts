import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Asset } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import type { PlanHashes } from '../../shared/model/plan';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import { canonicalJson, contentHasher } from '../formats/flowspec/content-hash';
import { withoutQualityRuleAlerts } from '../formats/flowspec/quality-rule-fields';
import { sha256Hex } from '../formats/known-sha256';

/**
 * The hashes a plan carries.
 *
 * The plan hash of an object (before/after) must be comparable across workspaces: a dev node mapped for prod and the
 * copy an earlier import left in prod must hash alike. The reader's `contentHash` cannot serve: for folders it takes
 * code by size only, and it is computed before mapping. So the plan hash is taken over what lands, the same way on
 * both sides: kind, name, folder, owner, the `original` without `metadata` (volatile by design, see content-hash.ts)
 * and without its top-level `id` (identity is compared separately, and an overwrite keeps the destination's id) and
 * `runtimeResource.resourceGroupId` (the destination's numeric id for the named group: the name is what is mapped
 * and compared; copies made by hand or by an older import may lack it), plus the sha256 of the code bytes. Quality
 * rules are compared without their alert settings.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The original without what is identity or workspace-local rather than content (see the module comment). */
function comparable(original: unknown): unknown {
  if (!isRecord(original)) return original;
  const { id: _id, ...rest } = original;
  const runtime = rest.runtimeResource;
  if (isRecord(runtime) && 'resourceGroupId' in runtime) {
    const { resourceGroupId: _groupId, ...keep } = runtime;
    rest.runtimeResource = keep;
  }
  return rest;
}

/** sha256 (hex) of code bytes or text (UTF-8). */
export function codeSha(code: Buffer | string): string {
  return sha256Hex(code);
}

/** The plan hash of an asset as it lands (`name`/`folderPath` override the asset's, for renames and overwrites). */
export function assetPlanHash(asset: Asset, code: string | null, landing: { name?: string; folderPath?: string } = {}): string {
  return assetPlanHasher(asset, landing)(code);
}

/**
 * {@link assetPlanHash} with the code's sha256 to come: everything but the code is hashed now, so a plan can hash
 * its mapped assets while their code is still being scanned. Call the returned function once.
 */
export function assetPlanHasher(asset: Asset, landing: { name?: string; folderPath?: string } = {}): (code: string | null) => string {
  // A quality rule's alert settings never travel: the import leaves them out, and those set up by hand in the
  // destination are not a difference (so a re-import does not overwrite them).
  const original = asset.kind === 'quality-rule' ? withoutQualityRuleAlerts(asset.original) : asset.original;
  return contentHasher(asset.kind, landing.name ?? asset.name, landing.folderPath ?? asset.folderPath, asset.owner, comparable(original));
}

/** sha256 of a file's bytes, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A stable hash over a model's assets: ids and contentHashes, in id order. */
export function assetsHash(assets: readonly Pick<Asset, 'id' | 'contentHash'>[]): string {
  const sorted = assets.map((a) => `${a.id}\u0000${a.contentHash}`).sort();
  const hash = createHash('sha256');
  for (const line of sorted) hash.update(line).update('\n');
  return hash.digest('hex');
}

/**
 * The package hash: the file's sha256 for zips and single files, else (folders) {@link assetsHash}. A folder's
 * contentHashes take code files by size, so an edit that keeps a code file's size is not seen (a known limit).
 */
export async function hashPackage(
  model: Pick<PackageModel, 'container' | 'sourcePath' | 'assets'>,
  /** The file's sha256 when already taken (a scan worker takes it while it waits). */
  fileSha: string | null = null,
): Promise<PlanHashes['package']> {
  if (model.container === 'folder') return { method: 'assets-sha256', value: assetsHash(model.assets) };
  return { method: 'file-sha256', value: fileSha ?? (await fileSha256(model.sourcePath)) };
}

/** sha256 of the profile's canonical JSON (sorted keys), so key order and formatting do not matter. */
export function hashProfile(profile: MappingProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

/**
 * The destination hash: sha256 over every destination object's id and plan hash (in id order) and the canonical
 * workspace.json (states included). It covers what the plan's decisions rest on (identity, name, folder, owner,
 * content and code bytes, see the module comment), so an import refuses a destination changed since in any of them;
 * a change only to what plan hashes leave out (`metadata`, a resource group's numeric id) does not make a plan stale.
 */
export function hashDestination(config: WorkspaceConfig, planHashes: ReadonlyMap<string, string>): string {
  const sorted = [...planHashes].map(([id, hash]) => `${id}\u0000${hash}`).sort();
  const hash = createHash('sha256');
  for (const line of sorted) hash.update(line).update('\n');
  return hash.update('\u0000').update(canonicalJson(config)).digest('hex');
}
