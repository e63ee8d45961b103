import type { Asset } from '../../shared/model/asset';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import type { CodeDiff } from '../../shared/model/plan';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { CodeReader } from '../formats/read-package';
import { applyMapping, candidateProjects, type MappedModel } from '../mapping/apply-mapping';
import { findCodeReferences, identifierMatcher, mayRewriteCode, type CodeScan } from '../mapping/code-rewrite';
import { DIFF_TEXT_CAP, unifiedDiff } from './line-diff';
import { assetPlanHash, codeSha } from './plan-hash';
import { mapLimit } from './pool';

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

/**
 * Reads every source asset's code once: its hash; for rewritable text the references the mapping looks at; and,
 * only where such a reference exists, the rewritten code's hash and diff (capped so that all diffs together stay
 * near `budget`; the UI asks for a whole diff on request with {@link diffAssetCode}).
 */
export async function scanSource(
  model: PackageModel,
  reader: CodeReader,
  projects: Iterable<string>,
  rewrite: MappedModel['rewriteCode'],
  diffs: { cap: number; budget: number },
  signal?: AbortSignal,
): Promise<{ codes: Map<string, SourceCode>; scan: CodeScan }> {
  const matcher = identifierMatcher(projects);
  const withCode = model.assets.filter((a) => a.code !== null);
  // One cap for every diff, from the budget shared over the bodies that could change: deterministic whatever order
  // the reads finish in. A truncated diff tells the UI to ask for the whole one.
  const rewritable = withCode.filter((a) => mayRewriteCode(a)).length;
  const perDiff = diffs.budget <= 0 ? 0 : Math.max(MIN_DIFF_CAP, Math.min(diffs.cap, Math.floor(diffs.budget / Math.max(1, rewritable))));
  const found = await mapLimit(
    withCode,
    READ_CONCURRENCY,
    async (asset) => {
      const bytes = await reader.readBytes(asset.id);
      if (bytes === null) return null;
      const code: SourceCode = { sha: codeSha(bytes), after: null };
      if (!mayRewriteCode(asset)) return { code, refs: null };
      const text = bytes.toString('utf8');
      const refs = findCodeReferences(asset, text, matcher);
      if (refs.projects.length + refs.dataSources.length + refs.resourceGroups.length === 0) return { code, refs: null };
      const after = rewrite(asset, text);
      if (after !== text) {
        const diff = perDiff > 0 ? unifiedDiff(text, after, asset.code?.entry ?? asset.name, perDiff) : null;
        code.after = { sha: codeSha(after), diff };
      }
      return { code, refs };
    },
    signal,
  );
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

/**
 * The code rewriter of a profile, made before the code scan: `rewriteCode` depends on the model only through the
 * compute resource names assets are bound to, so a lean copy of the bound assets is mapped instead of the package.
 */
export function codeRewriter(model: PackageModel, profile: MappingProfile, destination: WorkspaceConfig): MappedModel['rewriteCode'] {
  const lean = model.assets
    .filter((a) => a.datasource !== null)
    .map((a): Asset => ({ ...a, original: null, outputs: [], inputs: [], dependencies: [], parameters: [], owner: null, schedule: null }));
  const mapped = applyMapping({ assets: lean, projectIdentifier: model.projectIdentifier }, profile, { destination });
  return (asset, code) => mapped.rewriteCode(asset, code);
}

/** The code of one asset before and after rewriting, with a capped unified diff; for the UI on request. */
export async function diffAssetCode(reader: CodeReader, mapped: Pick<MappedModel, 'rewriteCode'>, asset: Asset, cap = DIFF_TEXT_CAP): Promise<{ before: string; after: string; diff: CodeDiff } | null> {
  const before = await reader.read(asset.id);
  if (before === null) return null;
  const after = mapped.rewriteCode(asset, before);
  return { before, after, diff: unifiedDiff(before, after, asset.code?.entry ?? asset.name, cap) };
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
}): Promise<PreparedPackageSide> {
  const { profile } = withPlanExecutor(input.profile, input.executor);
  const rewrite = codeRewriter(input.model, profile, input.destinationConfig);
  const { codes, scan } = await scanSource(input.model, input.reader, candidateProjects(input.model, profile), rewrite, input.diffs, input.signal);
  const mapped = applyMapping(input.model, profile, { destination: input.destinationConfig, codeScan: scan });
  const afterHashes = new Map<string, string>();
  for (const asset of mapped.assets) {
    const code = codes.get(asset.id);
    afterHashes.set(asset.id, assetPlanHash(asset, code?.after?.sha ?? code?.sha ?? null));
  }
  return { codes, mapped, afterHashes, destinationConfig: input.destinationConfig };
}
