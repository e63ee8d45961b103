import type { NodeOutput } from '../../shared/model/asset';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { ProjectRenamer } from './code-rewrite';

/**
 * Rewrites an asset's `original` (the source fragment a writer emits) to match its mapped canonical fields. The input
 * is never touched. Every string goes through the project renamer (table guids
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

/** Sets an own property, even one named `__proto__` (which plain assignment would take as the prototype). */
function setOwn(target: Obj, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * `value` with every string through the renamer. A subtree with nothing to rename is returned as it is, shared with
 * the input: most of a document names no project, and copying all of it cost a plan of 20,000 nodes ~150 MB of
 * allocation. So neither the result nor the input may be changed in place (rewriteOriginal copies what it sets).
 */
function renamed(value: unknown, renamer: ProjectRenamer): unknown {
  if (typeof value === 'string') return renamer.rewrite(value);
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i += 1) {
      const next = renamed(value[i], renamer);
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (isObj(value)) {
    let out: Obj | null = null;
    for (const key of Object.keys(value)) {
      const next = renamed(value[key], renamer);
      if (next !== value[key]) setOwn((out ??= { ...value }), key, next);
    }
    return out ?? value;
  }
  return value;
}

/** `io` (inputs or outputs) with each `nodeOutputs[i].data` from `list`; a copy where anything changes. */
function withOutputs(io: unknown, list: NodeOutput[]): unknown {
  if (!isObj(io) || !Array.isArray(io.nodeOutputs)) return io;
  let changed = false;
  const nodeOutputs = io.nodeOutputs.map((item: unknown, i) => {
    if (!isObj(item) || typeof item.data !== 'string' || !list[i] || item.data === list[i].data) return item;
    changed = true;
    return { ...item, data: list[i].data };
  });
  return changed ? { ...io, nodeOutputs } : io;
}

/** A shallow copy of `value` when it is an object, to set fields on; else null. */
const copyOf = (value: unknown): Obj | null => (isObj(value) ? { ...value } : null);

/**
 * Returns the rewritten copy of `original`. It shares what it does not change with `original` (see renamed): each
 * field set below is set on a copy of the object that holds it.
 */
export function rewriteOriginal(original: unknown, r: OriginalRewrite): unknown {
  const base = renamed(original, r.renamer);
  const copy = copyOf(base);
  if (copy === null) return base;
  const outputs = withOutputs(copy.outputs, r.outputs);
  if (outputs !== copy.outputs) copy.outputs = outputs;
  const inputs = withOutputs(copy.inputs, r.inputs);
  if (inputs !== copy.inputs) copy.inputs = inputs;
  if (r.name !== null && typeof copy.name === 'string') copy.name = r.name;
  if (r.datasourceName !== null && isObj(copy.datasource))
    copy.datasource = { ...copy.datasource, name: r.datasourceName };
  const runtime = r.resourceGroup !== null ? copyOf(copy.runtimeResource) : null;
  if (runtime) {
    runtime.resourceGroup = r.resourceGroup;
    if (r.resourceGroupId === null) delete runtime.resourceGroupId;
    else if (r.resourceGroupId !== undefined) runtime.resourceGroupId = r.resourceGroupId;
    copy.runtimeResource = runtime;
  }
  if (r.owner !== null && typeof copy.owner === 'string') copy.owner = r.owner;
  const metadata = copyOf(copy.metadata);
  if (metadata) {
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
    copy.metadata = metadata;
  }
  if (r.parameterValues.size > 0 && isObj(copy.script) && Array.isArray(copy.script.parameters)) {
    const parameters = copy.script.parameters.map((p: unknown) =>
      isObj(p) && typeof p.name === 'string' && r.parameterValues.has(p.name)
        ? { ...p, value: r.parameterValues.get(p.name) }
        : p,
    );
    copy.script = { ...copy.script, parameters };
  }
  if (r.recurrence !== null) {
    copy.recurrence = r.recurrence;
    if (isObj(copy.trigger) && copy.trigger.recurrence !== undefined)
      copy.trigger = { ...copy.trigger, recurrence: r.recurrence };
  }
  return copy;
}
