import type { NodeOutput } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { ProjectRenamer } from './code-rewrite';

/**
 * Rewrites an asset's `original` (the source fragment a writer emits) to match its mapped canonical fields. It is a
 * copy: the input is never touched. Every string goes through the project renamer (table guids
 * `odps.retail_dev.default.t`, `calcEngine.project`, quality-rule `schedulerNode.output`, DDL); then the fields the
 * canonical model mirrors are set from it.
 */
export interface OriginalRewrite {
  renamer: ProjectRenamer;
  outputs: NodeOutput[];
  inputs: NodeOutput[];
  datasourceName: string | null;
  resourceGroup: string | null;
  /** New resource group id; null removes it (unknown in the destination); undefined leaves it. */
  resourceGroupId: string | null | undefined;
  owner: string | null;
  /** New `metadata.ownerName`; null removes it; undefined leaves it. */
  ownerName: string | null | undefined;
  parameterValues: ReadonlyMap<string, string>;
  recurrence: string | null;
  destination: WorkspaceConfig | null;
  /** New name (a renamed data source), or null. */
  name: string | null;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function copyRenaming(value: unknown, renamer: ProjectRenamer): unknown {
  if (typeof value === 'string') return renamer.rewrite(value);
  if (Array.isArray(value)) return value.map((v) => copyRenaming(v, renamer));
  if (isObj(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value)) out[key] = copyRenaming(value[key], renamer);
    return out;
  }
  return value;
}

function setOutputs(io: unknown, list: NodeOutput[]): void {
  if (!isObj(io) || !Array.isArray(io.nodeOutputs)) return;
  io.nodeOutputs.forEach((item, i) => {
    if (isObj(item) && typeof item.data === 'string' && list[i]) item.data = list[i].data;
  });
}

/** Returns the rewritten copy of `original`. */
export function rewriteOriginal(original: unknown, r: OriginalRewrite): unknown {
  const copy = copyRenaming(original, r.renamer);
  if (!isObj(copy)) return copy;
  setOutputs(copy.outputs, r.outputs);
  setOutputs(copy.inputs, r.inputs);
  if (r.name !== null && typeof copy.name === 'string') copy.name = r.name;
  if (r.datasourceName !== null && isObj(copy.datasource)) copy.datasource.name = r.datasourceName;
  if (r.resourceGroup !== null && isObj(copy.runtimeResource)) {
    copy.runtimeResource.resourceGroup = r.resourceGroup;
    if (r.resourceGroupId === null) delete copy.runtimeResource.resourceGroupId;
    else if (r.resourceGroupId !== undefined) copy.runtimeResource.resourceGroupId = r.resourceGroupId;
  }
  if (r.owner !== null && typeof copy.owner === 'string') copy.owner = r.owner;
  const metadata = copy.metadata;
  if (isObj(metadata)) {
    if (r.owner !== null && typeof metadata.owner === 'string') metadata.owner = r.owner;
    if (r.ownerName === null) delete metadata.ownerName;
    else if (r.ownerName !== undefined) metadata.ownerName = r.ownerName;
    const project = r.destination?.project;
    if (project) {
      if (isObj(metadata.project))
        metadata.project = {
          ...metadata.project,
          projectIdentifier: project.identifier,
          projectName: project.displayName,
          ...(project.id ? { projectId: project.id } : {}),
        };
      if (project.id && metadata.projectId !== undefined) metadata.projectId = project.id;
      if (project.tenantId && metadata.tenantId !== undefined) metadata.tenantId = project.tenantId;
    }
  }
  if (r.parameterValues.size > 0 && isObj(copy.script) && Array.isArray(copy.script.parameters)) {
    for (const p of copy.script.parameters) {
      if (isObj(p) && typeof p.name === 'string' && r.parameterValues.has(p.name))
        p.value = r.parameterValues.get(p.name);
    }
  }
  if (r.recurrence !== null) {
    copy.recurrence = r.recurrence;
    if (isObj(copy.trigger) && copy.trigger.recurrence !== undefined) copy.trigger.recurrence = r.recurrence;
  }
  return copy;
}
