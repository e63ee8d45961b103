import { once } from 'node:events';
import { createWriteStream, promises as fs } from 'node:fs';
import { FerryError } from '../../../shared/errors';
import type { Asset } from '../../../shared/model/asset';
import type { DocumentInfo, PackageModel } from '../../../shared/model/package-model';
import { openCodeReader, type CodeReader } from '../read-package';
import {
  assertOriginals,
  assembleDocument,
  documentSkeleton,
  placeAt,
  rebase,
} from '../spec-package/spec-package-writer-documents';
import { isObj, obj, type Obj } from './values';

export interface FlowSpecArrayOptions {
  signal?: AbortSignal;
  /** Called after each spec with the number written so far. */
  onProgress?: (specs: number) => void;
}

export interface WrittenFlowSpecArray {
  specs: number;
  bytes: number;
  /** Assets not written: resources, functions, tables, data sources, ... (this format carries workflows and nodes). */
  skipped: number;
}

const manualTypes = new Set(['MANUAL_WORKFLOW', 'MANUAL_BUSINESS']);
const underPointer = (pointer: string, prefix: string): boolean =>
  prefix === '' || pointer === prefix || pointer.startsWith(`${prefix}/`);

/**
 * Writes a model as one JSON array of FlowSpec specs, `[spec, spec, ...]` as migrationx's DataWorksFlowSpecReader
 * writes and its writer feeds to `ImportWorkflowDefinition`: one spec per workflow (new shape,
 * `spec.workflows[0]` with its nodes, inline code and `dependencies`), and one `kind: Node` spec per node that has
 * no workflow in the model. Streamed: each spec is serialised and written on its own, so 20,000 nodes never
 * become one string. Atomic (`.partial` + rename); nothing is left behind on error or abort.
 */
export async function writeFlowSpecArray(
  outPath: string,
  model: PackageModel,
  options: FlowSpecArrayOptions = {},
): Promise<WrittenFlowSpecArray> {
  assertOriginals(model);
  const partialPath = `${outPath}.partial`;
  const out = createWriteStream(partialPath);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  const code = await openCodeReader(model, { signal: options.signal });
  const children = new Map<string, Asset[]>();
  for (const asset of model.assets) {
    if (asset.parentId === null) continue;
    const list = children.get(asset.parentId);
    if (list) list.push(asset);
    else children.set(asset.parentId, [asset]);
  }
  let specs = 0;
  try {
    const plan = planSpecs(model);
    await write('[');
    for (const item of plan.items) {
      if (options.signal?.aborted) throw new FerryError('cancelled', `${outPath}: writing was cancelled`);
      const spec = await buildSpec(model, item, code, children);
      await write(`${specs === 0 ? '\n' : ',\n'}${JSON.stringify(spec, null, 2)}`);
      specs += 1;
      options.onProgress?.(specs);
    }
    await write(specs === 0 ? ']\n' : '\n]\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await fs.rename(partialPath, outPath);
    return { specs, bytes: out.bytesWritten, skipped: plan.skipped };
  } catch (error) {
    out.destroy();
    await fs.rm(partialPath, { force: true });
    if (error instanceof FerryError) throw error;
    throw new FerryError(
      'io',
      `${outPath}: cannot write the FlowSpec file (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    await code.close();
  }
}

interface SpecPlan {
  /** The workflow, or null for a lone node. */
  workflow: Asset | null;
  nodes: Asset[];
}

function planSpecs(model: PackageModel): { items: SpecPlan[]; skipped: number } {
  const workflows = new Map<string, SpecPlan>();
  // SPEC-package workflows are folders (`业务流程/<name>`); their nodes may carry DataWorks' own workflow id instead.
  const byFolder = new Map<string, SpecPlan>();
  const items: SpecPlan[] = [];
  for (const asset of model.assets) {
    if (asset.kind !== 'workflow') continue;
    const plan = { workflow: asset, nodes: [] };
    workflows.set(asset.id, plan);
    if (asset.original === null) byFolder.set(`${asset.folderPath}/${asset.name}`, plan);
    items.push(plan);
  }
  const folderPlan = (asset: Asset): SpecPlan | undefined => {
    const [root, name] = asset.folderPath.split('/');
    return name === undefined ? undefined : byFolder.get(`${root}/${name}`);
  };
  let skipped = 0;
  for (const asset of model.assets) {
    if (asset.kind === 'workflow') continue;
    if (asset.kind !== 'node' && asset.kind !== 'query') skipped += 1;
    else if (asset.parentId !== null)
      continue; // written inside its container
    else {
      const plan = (asset.workflowId ? workflows.get(asset.workflowId) : undefined) ?? folderPlan(asset);
      if (plan) plan.nodes.push(asset);
      else items.push({ workflow: null, nodes: [asset] });
    }
  }
  return { items, skipped };
}

async function buildSpec(
  model: PackageModel,
  plan: SpecPlan,
  code: CodeReader,
  children: Map<string, Asset[]>,
): Promise<Obj> {
  const nodes: Obj[] = [];
  for (const node of plan.nodes) nodes.push(await nodeWithCode(node, code, children));
  const anchor = plan.workflow ?? plan.nodes[0];
  const info = documentOf(model, anchor);
  const skeleton = documentSkeleton({
    version: info?.version ?? '1.1.0',
    kind: plan.workflow
      ? manualTypes.has(plan.workflow.nodeType ?? '')
        ? 'ManualWorkflow'
        : 'CycleWorkflow'
      : 'Node',
    metadata: model.format === 'flowspec' ? (info?.metadata ?? null) : null,
    envelopeExtra: model.format === 'flowspec' ? (info?.envelopeExtra ?? null) : null,
    specExtra: null,
  });
  const spec = skeleton.spec as Obj;
  if (!plan.workflow) {
    spec.nodes = nodes;
    return skeleton;
  }
  const workflow = plan.workflow;
  const newShape = isObj(workflow.original) && /\/workflows\/\d+$/.test(workflow.origin.pointer);
  const body: Obj = newShape
    ? structuredClone(workflow.original as Obj)
    : {
        ...(workflow.sourceId ? { id: workflow.sourceId } : {}),
        name: workflow.name,
        script: {
          path: [workflow.folderPath, workflow.name].filter(Boolean).join('/'),
          runtime: { command: manualTypes.has(workflow.nodeType ?? '') ? 'MANUAL_WORKFLOW' : 'WORKFLOW' },
        },
      };
  body.nodes = nodes;
  if (!Array.isArray(body.dependencies) || body.dependencies.length === 0) {
    const dependencies = plan.nodes.map(dependenciesOf).filter((entry): entry is Obj => entry !== null);
    if (dependencies.length > 0) body.dependencies = dependencies;
  }
  spec.workflows = [body];
  return skeleton;
}

function documentOf(model: PackageModel, asset: Asset): DocumentInfo | undefined {
  return model.documents.find(
    (doc) => doc.entry === asset.origin.entry && underPointer(asset.origin.pointer, `${doc.pointer}/spec`),
  );
}

/** The node's original with its inner nodes and code put back; code from a file goes into `script.content`. */
async function nodeWithCode(node: Asset, code: CodeReader, children: Map<string, Asset[]>): Promise<Obj> {
  const family = [node, ...descendants(node.id, children)];
  const holder = assembleDocument(
    {},
    family.map((member) => ({
      asset: member,
      at: rebase(member.origin.pointer, node.origin.pointer, '/node'),
    })),
  );
  for (const member of family) {
    if (!member.code) continue;
    const text = await code.read(member.id);
    if (member.code.pointer !== null)
      placeAt(holder, rebase(member.code.pointer, node.origin.pointer, '/node'), text);
    else {
      const at = rebase(member.origin.pointer, node.origin.pointer, '/node');
      placeAt(holder, `${at}/script`, { ...(obj(obj(member.original)?.script) ?? {}), content: text });
    }
  }
  return holder.node as Obj;
}

function descendants(id: string, children: Map<string, Asset[]>, depth = 0): Asset[] {
  if (depth > 64) return [];
  const out: Asset[] = [];
  for (const child of children.get(id) ?? []) out.push(child, ...descendants(child.id, children, depth + 1));
  return out;
}

function dependenciesOf(node: Asset): Obj | null {
  if (node.sourceId === null) return null;
  const depends = node.dependencies
    .filter((dep) => dep.type !== 'Resource' && dep.type !== 'Function')
    .map((dep) => ({
      type: dep.type,
      ...(dep.nodeId !== null ? { nodeId: dep.nodeId } : {}),
      ...(dep.output !== null ? { output: dep.output } : {}),
      ...(dep.refTableName !== null ? { refTableName: dep.refTableName } : {}),
    }));
  return depends.length > 0 ? { nodeId: node.sourceId, depends } : null;
}
