import type { Asset } from '../../shared/model/asset';
import type { InspectionCounts } from '../../shared/model/inspection';
import type { PackageModel, Problem } from '../../shared/model/package-model';
import { qualityRuleTableOf } from '../formats/flowspec/quality-rule-fields';
import { classifyUnresolvedOutput } from './external-outputs';
import { isKnownNodeType } from './known-node-types';
import { WorkflowIndex, type WorkflowRef } from './workflow-index';

/** Data source types that name a compute engine binding, not a connection the package could carry. */
const computeTypes = new Set([
  'odps',
  'maxcompute',
  'emr',
  'hologres',
  'cdh',
  'holo',
  'adb_spark',
  'serverless_spark',
]);

/** True when a data source reference names a compute engine (checked by the compute mapping, not here). */
export function isComputeBinding(type: string | null): boolean {
  return type !== null && computeTypes.has(type.toLowerCase());
}

/** What the structural pass learns; code checks and the session build on it. */
export interface AssetFacts {
  counts: InspectionCounts;
  problems: Problem[];
  /** Each asset's workflow, by asset index. */
  workflows: (WorkflowRef | null)[];
  /** Data source names the package carries (lower-case), or null when it carries none. */
  datasourceNames: Set<string> | null;
  /** Resource names the package carries. */
  resourceNames: Set<string>;
  /** Data source references of nodes (compute bindings excluded), for {@link checkDatasourceUses}. */
  datasourceUses: DatasourceUse[];
}

/** An object naming a data source (in its `datasource` field or in its code). */
export interface DatasourceUse {
  asset: Asset;
  name: string;
}

const bump = (record: Record<string, number>, key: string | null) => {
  if (key !== null && key !== '') record[key] = (record[key] ?? 0) + 1;
};

const problem = (severity: Problem['severity'], code: string, asset: Asset, message: string): Problem => ({
  severity,
  code,
  message,
  entry: asset.origin.entry,
  objectId: asset.id,
});

const label = (asset: Asset) => `${asset.kind} ${asset.name}`;

/**
 * One pass over the assets: counts, dependency judgements, duplicate names, unknown node types and references
 * to resources, functions and data sources the package does not carry. Data source references are checked
 * after the pass because the data source assets may come later; that is a second loop over the few references,
 * not over the assets. Linear in assets + dependencies.
 */
export function checkAssets(model: PackageModel): AssetFacts {
  const { assets, projectIdentifier } = model;
  const counts: InspectionCounts = {
    byKind: {},
    byNodeType: {},
    byEngine: {},
    byOwner: {},
    byWorkflow: [],
    dependencies: { internal: 0, external: 0 },
  };
  const problems: Problem[] = [];
  const workflowIndex = new WorkflowIndex();
  for (const asset of assets) if (asset.kind === 'workflow') workflowIndex.add(asset);

  const workflowCounts = new Map<string, { id: string; name: string; count: number }>();
  const workflows: (WorkflowRef | null)[] = new Array<WorkflowRef | null>(assets.length);
  const firstByName = new Map<string, Asset>();
  const datasourceNames = new Set<string>();
  const resourceNames = new Set<string>();
  const datasourceUses: DatasourceUse[] = [];

  assets.forEach((asset, i) => {
    bump(counts.byKind, asset.kind);
    bump(counts.byOwner, asset.owner);
    if (asset.kind === 'node') {
      bump(counts.byNodeType, asset.nodeType);
      bump(counts.byEngine, asset.engine);
    }
    const workflow = workflowIndex.workflowOf(asset);
    workflows[i] = workflow;
    if (workflow) {
      const entry = workflowCounts.get(workflow.id) ?? { ...workflow, count: 0 };
      entry.count++;
      workflowCounts.set(workflow.id, entry);
    }
    if (asset.kind === 'datasource') datasourceNames.add(asset.name.toLowerCase());
    if (asset.kind === 'resource') resourceNames.add(asset.name);
    if (asset.datasource && asset.kind === 'node' && !isComputeBinding(asset.datasource.type)) {
      datasourceUses.push({ asset, name: asset.datasource.name });
    }

    // DataWorks names are unique per folder and kind; the same name twice collides on import.
    const nameKey = `${asset.kind}\u0000${asset.folderPath}\u0000${asset.name}`;
    const first = firstByName.get(nameKey);
    if (!first) firstByName.set(nameKey, asset);
    else if (asset.parentId === first.parentId) {
      const where = asset.folderPath === '' ? 'the top folder' : `folder ${asset.folderPath}`;
      problems.push(
        problem(
          'error',
          'duplicate-name',
          asset,
          `${label(asset)} (${asset.id}) has the same name as ${first.id} in ${where}`,
        ),
      );
    }

    if (asset.kind === 'node' || asset.kind === 'component') {
      if (asset.nodeType === null) {
        problems.push(
          problem(
            'warning',
            'missing-node-type',
            asset,
            `${label(asset)} has no node type (script.runtime.command); it cannot be imported as is`,
          ),
        );
      } else if (asset.kind === 'node' && !isKnownNodeType(asset.nodeType)) {
        problems.push(
          problem(
            'warning',
            'unknown-node-type',
            asset,
            `${label(asset)} has node type ${asset.nodeType}, which Ferry does not know; it is carried unchanged`,
          ),
        );
      }
    }

    for (const dep of asset.dependencies) {
      if (dep.targetId !== null) {
        counts.dependencies.internal++;
        continue;
      }
      counts.dependencies.external++;
      // A rule's link to the node writing its table: judged by checkQualityRuleTables (the table may be in the destination).
      if (asset.kind === 'quality-rule') continue;
      if (dep.type === 'Resource' || dep.type === 'Function') {
        const what = dep.type === 'Resource' ? 'resource' : 'function';
        problems.push(
          problem(
            'warning',
            `missing-${what}`,
            asset,
            `${label(asset)} uses ${what} ${dep.nodeId ?? '?'}, which is not in the package`,
          ),
        );
        continue;
      }
      const output = dep.output ?? dep.nodeId;
      if (output === null) continue;
      const judged = classifyUnresolvedOutput(output, projectIdentifier);
      switch (judged.kind) {
        case 'own-root':
          break;
        case 'other-root':
          problems.push(
            problem(
              'info',
              'external-dependency',
              asset,
              `${label(asset)} depends on ${output}, the root of project ${judged.project}`,
            ),
          );
          break;
        case 'other-project':
          problems.push(
            problem(
              'warning',
              'external-dependency',
              asset,
              `${label(asset)} depends on ${output} from project ${judged.project} (cross-project): map the project or the dependency dangles`,
            ),
          );
          break;
        default:
          problems.push(
            problem(
              'error',
              'dangling-dependency',
              asset,
              `${label(asset)} depends on ${output}, which nothing in the package produces`,
            ),
          );
      }
    }
  });

  counts.byWorkflow = [...workflowCounts.values()];
  problems.push(...checkQualityRuleTables(assets));
  const carried = datasourceNames.size > 0 ? datasourceNames : null;
  return { counts, problems, workflows, datasourceNames: carried, resourceNames, datasourceUses };
}

/**
 * A quality rule whose table (by guid, else name) is not in the package: an info, since the table may already
 * exist in the destination (the plan checks that).
 */
export function checkQualityRuleTables(assets: readonly Asset[]): Problem[] {
  const rules = assets.filter((a) => a.kind === 'quality-rule');
  if (rules.length === 0) return [];
  const tables = new Set<string>();
  for (const a of assets) {
    if (a.kind !== 'table') continue;
    tables.add(a.name);
    const guid = (a.original as { guid?: unknown } | null)?.guid;
    if (typeof guid === 'string') tables.add(guid);
  }
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (rule.original === null) continue; // read with keepOriginal: false: the table is not known here
    const { guid, name } = qualityRuleTableOf(rule.original);
    if (guid !== null ? tables.has(guid) : name !== null && tables.has(name)) continue;
    problems.push(
      problem(
        'info',
        'quality-rule-table-not-in-package',
        rule,
        `${label(rule)} checks table ${guid ?? name ?? '(not named)'}, which is not in the package; the destination must have it`,
      ),
    );
  }
  return problems;
}

/**
 * Data source references (compute bindings excluded), checked against the package's data sources when it
 * carries any (a missing one is a warning on the object); otherwise one info per name, since the destination
 * must then already have it.
 */
export function checkDatasourceUses(uses: readonly DatasourceUse[], carried: Set<string> | null): Problem[] {
  const problems: Problem[] = [];
  const notCarried = new Map<string, Asset[]>();
  const seen = new Set<string>();
  for (const { asset, name } of uses) {
    const key = `${asset.id}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (carried === null) {
      const list = notCarried.get(name);
      if (list) list.push(asset);
      else notCarried.set(name, [asset]);
    } else if (!carried.has(name.toLowerCase())) {
      problems.push(
        problem(
          'warning',
          'missing-datasource',
          asset,
          `${label(asset)} uses data source ${name}, which is not in the package`,
        ),
      );
    }
  }
  for (const [name, list] of notCarried) {
    const more = list.length > 1 ? ` and ${list.length - 1} more` : '';
    problems.push(
      problem(
        'info',
        'datasource-not-in-package',
        list[0],
        `data source ${name} (used by ${list[0].name}${more}) is not in the package; the destination must have it`,
      ),
    );
  }
  return problems;
}
