import type { Asset } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import type { CodeDiff } from '../../shared/model/plan';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { CodeReader } from '../formats/read-package';
import type { ZipEntryLocation } from '../formats/source/package-source';
import type { EntryRecord } from '../formats/zip/central-directory-reader';
import { packRecords, type PackedRecords } from '../formats/zip/packed-records';
import { assetMapper, startMapping, type MappedModel } from '../mapping/apply-mapping';
import { candidateProjects, type ModelLike } from '../mapping/mapping-context';
import { findCodeReferences, identifierMatcher, mayRewriteCode, type CodeReferences, type CodeScan } from '../mapping/code-rewrite';
import { DIFF_TEXT_CAP, unifiedDiff } from './line-diff';
import { assetPlanHasher, codeSha } from './plan-hash';
import { mapLimit } from './pool';
import { HELPER_MIN_FILES, SCAN_CHUNK, type ScanHelper } from './scan-helper';
import { drainQueue, newSharedQueue } from './shared-queue';
import { assignWaves, type WaveAssignment } from './waves';

/**
 * The plan's one pass over the package's code: each body is read once for its hash and for the references the
 * mapping rewrites; only bodies holding such a reference are rewritten, hashed again and diffed.
 */

/** Characters of diff text a plan aims to record in all; each diff gets an equal share, at least MIN_DIFF_CAP. */
export const DIFF_BUDGET = 8 * 1024 * 1024;
/** The diff settings of a plan unless told otherwise: per-diff cap and total budget, in characters. */
export const DEFAULT_DIFFS = { cap: DIFF_TEXT_CAP, budget: DIFF_BUDGET } as const;
const MIN_DIFF_CAP = 1024;

/** What the one read of a source asset's code found. */
export interface SourceCode {
  /** sha256 of the source code bytes. */
  sha: string;
  /** After rewriting, when the rewrite changes it. */
  after: { sha: string; diff: CodeDiff | null } | null;
}

/** How many code files are read at once. */
export const READ_CONCURRENCY = 16;

/** What reading one asset's code found: its hash and the rewrite, and the references the mapping looks at. */
export interface ScannedBody {
  code: SourceCode;
  refs: CodeReferences | null;
}

/** Everything a thread needs to scan code bodies, as plain data: it is handed to the scan worker as is. */
export interface ScanSettings {
  /** Project names the code may refer to (candidateProjects). */
  projects: string[];
  /** What the code rewriter is made from (see leanCodeRewriter). */
  rewriter: { model: ModelLike; profile: MappingProfile; destination: WorkspaceConfig };
  /** Characters of diff text kept per rewritten body (0: none). */
  perDiff: number;
}

/** What the scan of a body looks at of its asset: what crosses to the scan worker. */
export type ScanTarget = Pick<Asset, 'id' | 'kind' | 'nodeType' | 'engine' | 'code'>;

/** The scan target of an asset (a copy: the worker gets it by structured cloning, field by field). */
export function scanTarget({ id, kind, nodeType, engine, code }: Asset): ScanTarget {
  return { id, kind, nodeType, engine, code };
}

/**
 * The scan of one body: its hash; for rewritable text the references the mapping looks at; and, only where such a
 * reference exists, the rewritten code's hash and capped diff.
 */
export function bodyScanner(settings: ScanSettings): (asset: ScanTarget, bytes: Buffer) => ScannedBody {
  const matcher = identifierMatcher(settings.projects);
  const { model, profile, destination } = settings.rewriter;
  const rewrite = leanCodeRewriter(model, profile, destination);
  const { perDiff } = settings;
  return (asset, bytes) => {
    const code: SourceCode = { sha: codeSha(bytes), after: null };
    if (!mayRewriteCode(asset)) return { code, refs: null };
    const text = bytes.toString('utf8');
    const refs = findCodeReferences(asset, text, matcher);
    if (refs.projects.length + refs.dataSources.length + refs.resourceGroups.length === 0) return { code, refs: null };
    const after = rewrite(asset, text);
    if (after !== text) {
      const diff = perDiff > 0 ? unifiedDiff(text, after, perDiff) : null;
      code.after = { sha: codeSha(after), diff };
    }
    return { code, refs };
  };
}

/**
 * The scan settings of a package and profile. One cap for every diff, from the budget shared over the bodies that
 * could change: deterministic whatever order the reads finish in. A truncated diff tells the UI to ask for the
 * whole one.
 */
export function scanSettings(
  model: PackageModel,
  profile: MappingProfile,
  destination: WorkspaceConfig,
  diffs: { cap: number; budget: number },
): ScanSettings {
  const rewritable = model.assets.filter((a) => mayRewriteCode(a)).length;
  const perDiff = diffs.budget <= 0 ? 0 : Math.max(MIN_DIFF_CAP, Math.min(diffs.cap, Math.floor(diffs.budget / Math.max(1, rewritable))));
  return { projects: [...candidateProjects(model, profile)], rewriter: { model: rewriterModel(model), profile, destination }, perDiff };
}

/** A scan worker to share a package's code files with (see scan-helper.ts), and the manifest check of its reads. */
export interface ScanSharing {
  helper: ScanHelper;
  /** OpenedPackage.checkRead of the package being scanned. */
  checkRead: (entry: string, size: number, sha256: string) => void;
  /**
   * Where the package's code files lie (its source's locateZipEntry): with them, the worker reads them without
   * parsing the package's central directory again (~0.25 s of CPU for 40,000 entries, on a busy core).
   */
  locate?: (entry: string) => ZipEntryLocation | undefined;
  /** Fewest code files worth sharing; default HELPER_MIN_FILES. */
  minFiles?: number;
}

/**
 * Reads every source asset's code once (see {@link bodyScanner}). With `sharing`, and enough code files, the
 * worker takes code files from the same queue as this thread; inline code is read here.
 */
export async function scanSource(
  model: PackageModel,
  reader: CodeReader,
  settings: ScanSettings,
  options: { signal?: AbortSignal; sharing?: ScanSharing } = {},
): Promise<{ codes: Map<string, SourceCode>; scan: CodeScan }> {
  const { signal, sharing } = options;
  const scanBody = bodyScanner(settings);
  const withCode = model.assets.filter((a) => a.code !== null);
  const found = new Array<ScannedBody | null>(withCode.length).fill(null);
  const scanAt = async (i: number) => {
    const bytes = await reader.readBytes(withCode[i].id);
    if (bytes !== null) found[i] = scanBody(withCode[i], bytes);
  };
  const files = withCode.flatMap((a, i) => (a.code?.pointer === null ? [i] : []));
  const inline = withCode.flatMap((a, i) => (a.code?.pointer === null ? [] : [i]));
  const queue = newSharedQueue(files.length, SCAN_CHUNK);
  const shareable = sharing && model.container === 'zip' && files.length >= (sharing.minFiles ?? HELPER_MIN_FILES);
  const fileAssets = shareable ? files.map((i) => withCode[i]) : [];
  const shared = shareable
    ? sharing.helper.scan(fileAssets, settings, queue, sharing.checkRead, locations(fileAssets, sharing.locate))
    : null;
  shared?.catch(() => undefined); // awaited below, unless this thread's part fails first
  await mapLimit(inline, READ_CONCURRENCY, scanAt, signal);
  await drainQueue(queue, READ_CONCURRENCY, (q) => scanAt(files[q]), signal);
  for (const { index, body } of (await shared) ?? []) found[files[index]] = body;
  // Files the worker claimed but did not scan (it could not start, or stopped): scanned here.
  await mapLimit(files.filter((i) => found[i] === null), READ_CONCURRENCY, scanAt, signal);

  const codes = new Map<string, SourceCode>();
  const scan: CodeScan = new Map();
  withCode.forEach((asset, i) => {
    const result = found[i];
    if (!result) return;
    codes.set(asset.id, result.code);
    if (result.refs) scan.set(asset.id, result.refs);
  });
  return { codes, scan };
}

/** Where each asset's code file lies, packed for the worker; null unless every one is known. */
function locations(assets: readonly Asset[], locate: ScanSharing['locate']): PackedRecords | null {
  if (!locate || assets.length === 0) return null;
  const records: EntryRecord[] = [];
  let fileSize = -1;
  for (const asset of assets) {
    const location = locate(asset.code!.entry);
    if (location === undefined || (fileSize !== -1 && location.fileSize !== fileSize)) return null;
    fileSize = location.fileSize;
    records.push(location.record);
  }
  return packRecords(records, fileSize);
}

/** An asset without what the code rewriter never looks at (rewriterModel's stand-ins, which cross to the worker). */
export function codeOnly(a: Asset): Asset {
  return { ...a, original: null, outputs: [], inputs: [], dependencies: [], parameters: [], owner: null, schedule: null };
}

/**
 * `rewriteCode` depends on the model only through which data source names assets bind as compute resources (by
 * name and type), so one lean asset per bound name and type stands for the package.
 */
function rewriterModel(model: ModelLike): ModelLike {
  const bound = new Map<string, Asset>();
  for (const a of model.assets) {
    if (a.datasource === null) continue;
    const key = JSON.stringify([a.datasource.name, a.datasource.type]);
    if (!bound.has(key)) bound.set(key, codeOnly(a));
  }
  return { assets: [...bound.values()], projectIdentifier: model.projectIdentifier };
}

/** The code rewriter of a profile, made before the code scan, without mapping the package (assetMapper maps on demand). */
function leanCodeRewriter(model: ModelLike, profile: MappingProfile, destination: WorkspaceConfig): MappedModel['rewriteCode'] {
  return assetMapper(rewriterModel(model), profile, { destination }).rewriteCode;
}

/** The code of one asset before and after rewriting, with a capped unified diff; for the UI on request. */
export async function diffAssetCode(reader: CodeReader, mapped: Pick<MappedModel, 'rewriteCode'>, asset: Asset, cap = DIFF_TEXT_CAP): Promise<{ before: string; after: string; diff: CodeDiff } | null> {
  const before = await reader.read(asset.id);
  if (before === null) return null;
  const after = mapped.rewriteCode(asset, before);
  return { before, after, diff: unifiedDiff(before, after, cap) };
}

/** The profile a plan maps with: the given one, with the executor filled in when the profile names none. */
export function withPlanExecutor(profile: MappingProfile, executor: string | null | undefined): { profile: MappingProfile; executor: string | null } {
  const chosen = profile.owner.executor ?? executor ?? null;
  return { executor: chosen, profile: chosen && !profile.owner.executor ? { ...profile, owner: { ...profile.owner, executor: chosen } } : profile };
}

/** The result of {@link preparePackageSide}, with the destination description it was made against. */
export interface PreparedPackageSide {
  codes: Map<string, SourceCode>;
  /** The package mapped with the profile (applyMapping, with the scan's code references). */
  mapped: MappedModel;
  /** Plan hash of each mapped asset landing under its own name and folder (a rename or overwrite hashes again). */
  afterHashes: Map<string, string>;
  /** The package's waves (assignWaves), which need nothing of the destination. */
  waves: WaveAssignment;
  destinationConfig: WorkspaceConfig;
}

/**
 * The package side of a plan on its own — code scan, mapping and the mapped assets' plan hashes — so that it can
 * run while the destination is still being read: it needs the destination's workspace.json only, not its objects.
 */
export async function preparePackageSide(input: {
  model: PackageModel;
  reader: CodeReader;
  profile: MappingProfile;
  executor?: string | null;
  destinationConfig: WorkspaceConfig;
  diffs: { cap: number; budget: number };
  signal?: AbortSignal;
  /** A scan worker to share the code files with (see scanSource). */
  sharing?: ScanSharing;
}): Promise<PreparedPackageSide> {
  const { model, destinationConfig: destination } = input;
  const { profile } = withPlanExecutor(input.profile, input.executor);
  const scanning = scanSource(model, input.reader, scanSettings(model, profile, destination, input.diffs), input);
  scanning.catch(() => undefined); // awaited below, after the mapping
  // The assets are mapped, and hashed but for their code, while the worker scans (this thread joins the scan
  // after): with a worker, that keeps it from being the one thread left working once the scan is done. The code
  // references are recorded after the scan.
  const mapping = startMapping(model, profile, { destination });
  const hashers = mapping.assets.map((asset) => assetPlanHasher(asset));
  // Waves need nothing of the scan: placed here, they are worked out while the worker scans, not after it.
  const waves = assignWaves(model.assets);
  const { codes, scan } = await scanning;
  const mapped = mapping.finish(scan);
  const afterHashes = new Map<string, string>();
  mapping.assets.forEach((asset, i) => {
    const code = codes.get(asset.id);
    afterHashes.set(asset.id, hashers[i](code?.after?.sha ?? code?.sha ?? null));
  });
  // While the destination may still be arriving: the rest of the plan waits for it.
  return { codes, mapped, afterHashes, waves, destinationConfig: destination };
}
