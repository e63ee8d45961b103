import type { Asset } from '../../shared/model/asset';
import { detached } from '../text/detached';

/**
 * Text rewriting shared by apply-mapping (outputs, parameters, originals) and by the lazy code rewrite:
 * project identifiers as whole identifiers, output strings, and the names a Data Integration job carries in its JSON
 * (`"datasource": "…"` for readers/writers, `"resourceGroup": "…"` in `extend`).
 *
 * Everything here works on one string at a time, so a package's code is never held at once: the plan reads a body,
 * rewrites it, hashes or diffs it, and lets it go.
 */

const identifierChar = 'A-Za-z0-9_';
const projectPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The project an output string names: `retail_dev` for `retail_dev.dwd_orders` and for `retail_dev_root`. */
export function projectOfOutput(data: string): string | null {
  const dot = data.indexOf('.');
  if (dot > 0) {
    const project = data.slice(0, dot);
    return projectPattern.test(project) ? project : null;
  }
  if (data.endsWith('_root')) {
    const project = data.slice(0, -'_root'.length);
    return projectPattern.test(project) ? project : null;
  }
  return null;
}

/** Rewrites the project part of an output string (`<project>.<name>`, `<project>_root`); others are returned as is. */
export function rewriteOutputString(data: string, projects: ReadonlyMap<string, string>): string {
  const project = projectOfOutput(data);
  if (project === null) return data;
  const target = projects.get(project);
  if (target === undefined || target === project) return data;
  return target + data.slice(project.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a matcher for whole-identifier occurrences of any of `names`: `retail_dev` in `retail_dev.dwd_orders`,
 * `odps.retail_dev.default.t`, `project='retail_dev'`, `IMPORT FOREIGN SCHEMA retail_dev`, but not in `retail_dev_mc`,
 * `my_retail_dev` or `retail_dev_root` (an identifier character on either side).
 */
export function identifierMatcher(names: Iterable<string>): RegExp | null {
  const list = [...new Set(names)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0) return null;
  return new RegExp(
    `(?<![${identifierChar}])(?:${list.map(escapeRegExp).join('|')})(?![${identifierChar}])`,
    'g',
  );
}

/** Replaces whole-identifier project names in free text (SQL, shell, Python, DDL, parameter values). */
export class ProjectRenamer {
  private readonly matcher: RegExp | null;
  private readonly changing: string[];

  constructor(readonly renames: ReadonlyMap<string, string>) {
    this.changing = [...renames].filter(([from, to]) => from !== to).map(([from]) => from);
    this.matcher = identifierMatcher(this.changing);
  }

  /** True when at least one project changes name. */
  get active(): boolean {
    return this.matcher !== null;
  }

  /** True when `text` contains a project that changes name. A loop, not `some`: no closure per string (millions). */
  private mayName(text: string): boolean {
    for (const name of this.changing) if (text.includes(name)) return true;
    return false;
  }

  /** Output strings get the exact prefix rule; any other text the whole-identifier rule. */
  rewrite(text: string): string {
    // Most strings of a document name no project at all: a substring check is far cheaper than the matcher.
    if (!this.matcher || !this.mayName(text)) return text;
    if (text.endsWith('_root') && !text.includes('.')) {
      const root = rewriteOutputString(text, this.renames);
      if (root !== text) return root;
    }
    return text.replace(this.matcher, (name) => this.renames.get(name) ?? name);
  }
}

/** Finds which of `projects` occur as whole identifiers in `text`. */
export function findIdentifiers(text: string, matcher: RegExp | null): string[] {
  if (!matcher) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(matcher)) found.add(match[0]);
  return [...found].map(detached);
}

/** Data Integration jobs name data sources and their resource group inside the job JSON. */
export function isDataIntegrationCode(asset: Pick<Asset, 'nodeType' | 'engine'>): boolean {
  const type = asset.nodeType?.toUpperCase() ?? '';
  return type === 'DI' || type === 'DATAX' || type === 'DATAX2' || asset.engine === 'DataIntegration';
}

/** Kinds whose code is text Ferry may rewrite. Resources are binaries or files copied byte for byte; data source
 * code is its connection config. */
export function mayRewriteCode(asset: Pick<Asset, 'kind' | 'code'>): boolean {
  if (asset.code === null) return false;
  return asset.kind !== 'resource' && asset.kind !== 'datasource' && asset.kind !== 'workflow';
}

const diNamePattern = /("(datasource|resourceGroup)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

/** The data source and resource group names a Data Integration job's JSON carries. */
export function dataIntegrationNames(code: string): { dataSources: string[]; resourceGroups: string[] } {
  const dataSources = new Set<string>();
  const resourceGroups = new Set<string>();
  for (const match of code.matchAll(diNamePattern)) {
    if (match[3] === '') continue;
    (match[2] === 'datasource' ? dataSources : resourceGroups).add(match[3]);
  }
  return { dataSources: [...dataSources].map(detached), resourceGroups: [...resourceGroups].map(detached) };
}

/** Rewrites `"datasource"` and `"resourceGroup"` values in a Data Integration job, keeping its formatting. */
export function rewriteDataIntegrationNames(
  code: string,
  dataSource: (name: string) => string,
  resourceGroup: (name: string) => string,
): string {
  return code.replace(diNamePattern, (all, head: string, key: string, value: string, tail: string) => {
    if (value === '') return all;
    const next = key === 'datasource' ? dataSource(value) : resourceGroup(value);
    return next === value ? all : `${head}${next.replace(/["\\]/g, '\\$&')}${tail}`;
  });
}

/** What one asset's code refers to, found by {@link findCodeReferences}. */
export interface CodeReferences {
  /** Project identifiers (from the candidates given) that occur as whole identifiers. */
  projects: string[];
  /** Data Integration only: names in `"datasource"` (data sources or compute resources). */
  dataSources: string[];
  /** Data Integration only: names in `"resourceGroup"` (data integration resource groups). */
  resourceGroups: string[];
}

/** Scans one code body for project identifiers (among `projectMatcher`'s) and Data Integration names. */
export function findCodeReferences(
  asset: Pick<Asset, 'nodeType' | 'engine'>,
  code: string,
  projectMatcher: RegExp | null,
): CodeReferences {
  const projects = findIdentifiers(code, projectMatcher);
  if (!isDataIntegrationCode(asset)) return { projects, dataSources: [], resourceGroups: [] };
  return { projects, ...dataIntegrationNames(code) };
}

/** Code references per asset id; only assets whose code refers to something are present. */
export type CodeScan = Map<string, CodeReferences>;

/**
 * Reads every rewritable asset's code once, one body at a time, and records what it refers to. The plan calls this
 * once per package (it is the only way to see data sources named only inside DI jobs, such as `mysql_legacy_erp`)
 * and passes the result to `applyMapping`, which then knows which assets' code will change without holding code.
 */
export async function scanCodeReferences(
  assets: readonly Asset[],
  read: (assetId: string) => Promise<string | null>,
  candidateProjects: Iterable<string>,
  options: { signal?: AbortSignal } = {},
): Promise<CodeScan> {
  const matcher = identifierMatcher(candidateProjects);
  const scan: CodeScan = new Map();
  for (const asset of assets) {
    if (!mayRewriteCode(asset)) continue;
    options.signal?.throwIfAborted();
    const code = await read(asset.id);
    if (code === null) continue;
    const refs = findCodeReferences(asset, code, matcher);
    if (refs.projects.length + refs.dataSources.length + refs.resourceGroups.length > 0)
      scan.set(asset.id, refs);
  }
  return scan;
}
