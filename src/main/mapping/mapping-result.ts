import type { Asset } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { CodeScan } from './code-rewrite';
import type { DryRunMarking } from './dry-run';
import { targetOr, type Resolution } from './mapping-lookup';

/** What `applyMapping` returns and records: the mapped model, mappings applied, exclusions, the unmapped gate. */

export type MappingKind =
  'project' | 'compute-resource' | 'resource-group' | 'data-source' | 'owner' | 'parameter' | 'dry-run';

/** One mapping applied to one asset, for the report ("mappings applied"). */
export interface AppliedMapping {
  kind: MappingKind;
  from: string;
  to: string;
  /** Where in the asset: `outputs`, `inputs`, `dependencies`, `datasource`, `resourceGroup`, `code`, ... */
  field: string;
  /** `profile` entry, `same-name` in the destination, `ignored` (kept as is), or `owner-rule`/`fallback`. */
  via: 'profile' | 'same-name' | 'ignored' | 'owner-rule' | 'fallback';
}

export type UnmappedKind = 'project' | 'compute-resource' | 'resource-group' | 'data-source' | 'owner';

/** A reference the profile neither maps nor ignores. */
export interface UnmappedReference {
  kind: UnmappedKind;
  source: string;
  /** Resource group type, data source / engine type when known. */
  type: string | null;
  /** Asset ids that carry the reference. */
  where: string[];
  /** Fields it was found in (`inputs`, `code`, `datasource`, ...). */
  fields: string[];
}

export interface ExcludedAsset {
  assetId: string;
  name: string;
  kind: Asset['kind'];
  computeResource: string;
  reason: string;
}

export interface MappingNotice {
  severity: 'warning' | 'info';
  code:
    | 'owner-fallback'
    | 'owner-unchecked'
    | 'upstream-excluded'
    | 'dry-run-unknown-node'
    | 'source-project-mismatch';
  message: string;
  assetIds: string[];
}

export interface MappedModel {
  /**
   * The mapped assets, in package order, without the excluded ones. `contentHash` is still the source's: the mapped
   * hash needs the rewritten code, which only the caller loads (hash `original` + `rewriteCode(...)` as the reader
   * does).
   */
  assets: Asset[];
  /** Asset id -> mappings applied to it, in package order (assets with none are absent). A plain object so a plan
   * or report can serialise it as it is. */
  applied: Record<string, AppliedMapping[]>;
  excluded: ExcludedAsset[];
  unmapped: UnmappedReference[];
  notices: MappingNotice[];
  dryRun: DryRunMarking;
  /**
   * Ids of assets whose code the rewrite changes, from the code scan; null when no scan was given (then every asset
   * for which `mayRewriteCode` holds may change).
   */
  codeChanges: string[] | null;
  /** Rewrites one asset's code (as read from the source package) for the destination. */
  rewriteCode(asset: Pick<Asset, 'kind' | 'code' | 'nodeType' | 'engine'>, code: string): string;
}

export interface ApplyMappingOptions {
  /** The destination workspace: enables same-name resolution, owner membership, resource group ids. */
  destination?: WorkspaceConfig | null;
  /** References found in code by `scanCodeReferences` (DI data sources and resource groups, projects in SQL). */
  codeScan?: CodeScan | null;
}

/** Gathers applied mappings per asset and unmapped references (asset lists kept as sets, for 20,000 assets). */
export class Collector {
  readonly applied = new Map<string, AppliedMapping[]>();
  private readonly unmapped = new Map<
    string,
    { ref: UnmappedReference; where: Set<string>; fields: Set<string> }
  >();

  /**
   * One object per distinct mapping, shared by every asset it applies to: a package maps the same few names in
   * tens of thousands of assets (120,000 records for the 20,000-node bench), and the records are kept as long as the
   * plan is. Never changed once recorded. By source name, then searched: a name has a handful of mappings (one per
   * kind, field and target), and a lookup by a key joined from all five parts cost more than the mapping around it.
   */
  private readonly distinct = new Map<string, AppliedMapping[]>();

  apply(assetId: string, mapping: AppliedMapping): void {
    let list = this.applied.get(assetId);
    if (list === undefined) this.applied.set(assetId, (list = []));
    for (const m of list) if (m.kind === mapping.kind && m.from === mapping.from && m.field === mapping.field) return;
    let same = this.distinct.get(mapping.from);
    if (same === undefined) this.distinct.set(mapping.from, (same = []));
    let shared = same.find((m) => m.kind === mapping.kind && m.to === mapping.to && m.field === mapping.field && m.via === mapping.via);
    if (shared === undefined) same.push((shared = mapping));
    list.push(shared);
  }

  miss(kind: UnmappedKind, source: string, type: string | null, assetId: string, field: string): void {
    const key = `${kind}\u0000${type ?? ''}\u0000${source}`;
    let entry = this.unmapped.get(key);
    if (!entry) {
      entry = { ref: { kind, source, type, where: [], fields: [] }, where: new Set(), fields: new Set() };
      this.unmapped.set(key, entry);
    }
    if (!entry.where.has(assetId)) {
      entry.where.add(assetId);
      entry.ref.where.push(assetId);
    }
    if (!entry.fields.has(field)) {
      entry.fields.add(field);
      entry.ref.fields.push(field);
    }
  }

  /** Records the outcome of one resolution; returns the name to use. */
  record(
    kind: UnmappedKind,
    source: string,
    type: string | null,
    resolution: Resolution,
    assetId: string,
    field: string,
  ): string {
    if (resolution.status === 'unmapped') {
      this.miss(kind, source, type, assetId, field);
      return source;
    }
    const to = targetOr(resolution, source);
    const via = resolution.status === 'mapped' ? 'profile' : resolution.status;
    if (to !== source || via !== 'same-name') this.apply(assetId, { kind, from: source, to, field, via });
    return to;
  }

  unmappedList(): UnmappedReference[] {
    return [...this.unmapped.values()]
      .map((e) => e.ref)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source));
  }
}
