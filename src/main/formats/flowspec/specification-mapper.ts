import { FerryError } from '../../../shared/errors';
import type { Asset, AssetKind, CodeRef, Dependency, Parameter } from '../../../shared/model/asset';
import type { DocumentInfo, Problem } from '../../../shared/model/package-model';
import { contentHash, derivedId } from './content-hash';
import { childPointer } from './json-pointer';
import { nodeOutputsOf, parameterOf, scheduleOf } from './node-fields';
import { qualityRuleNodeDependency } from './quality-rule-fields';
import { ReferenceIndex, type Located } from './reference-index';
import { arr, folderFromPath, isObj, obj, str, without, type Obj } from './values';

/** Where the document being mapped sits, and where problems go. */
export interface MapContext {
  /** Entry (relative POSIX path) the document was read from. */
  entry: string;
  /** JSON pointer of this specification inside the entry ('' for a single spec, `/3` inside an array). */
  pointer: string;
  problems: Problem[];
  /** Compute each asset's contentHash (default true); false leaves it '' (see ReadOptions.contentHashes). */
  hashContent?: boolean;
}

/** One specification turned into assets, with dependencies still unresolved (`targetId` null). */
export interface MappedDocument {
  assets: Asset[];
  info: DocumentInfo;
  /** From node metadata (`metadata.project.projectIdentifier`), when present. */
  projectIdentifier: string | null;
}

/** Control nodes whose body is a nested `nodes[]` + `flow[]` (both spellings occur in real exports). */
const containerKeys = ['doWhile', 'do-while', 'foreach', 'for-each', 'subflow', 'sub-flow', 'paiflow', 'combined'];
const innerKeys = ['nodes', 'while', 'specWhile'];
/** Kinds whose old-shape spec (`spec.id` + `spec.nodes`) is itself the workflow. */
const workflowKinds = new Set(['CycleWorkflow', 'ManualWorkflow', 'TriggerWorkflow', 'Workflow', 'TemporaryWorkflow', 'PaiFlow']);
const assetCollections = ['nodes', 'workflows', 'datasources', 'fileResources', 'functions', 'tables', 'components', 'dqcRules'];

/** `/spec/nodes/0` as `$.spec.nodes[0]`, for messages. */
function pathOf(pointer: string): string {
  return `$${pointer
    .split('/')
    .slice(1)
    .map((key) => (/^\d+$/.test(key) ? `[${key}]` : `.${key.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')}`;
}

/** Maps one FlowSpec specification (already checked by the schema) to assets. */
export function mapSpecification(doc: Obj, ctx: MapContext): MappedDocument {
  return new SpecificationMapper(doc, ctx).run();
}

class SpecificationMapper {
  private readonly assets: Asset[] = [];
  private readonly bySourceId = new Map<string, Asset>();
  private readonly flows: { list: unknown[]; pointer: string }[] = [];
  private readonly index = new ReferenceIndex();
  private readonly spec: Obj;
  private readonly specPointer: string;
  private readonly kind: string | null;
  private readonly version: string | null;
  private projectIdentifier: string | null = null;

  constructor(
    private readonly doc: Obj,
    private readonly ctx: MapContext,
  ) {
    this.spec = doc.spec as Obj;
    this.specPointer = childPointer(ctx.pointer, 'spec');
    this.kind = str(doc.kind);
    this.version = str(doc.version);
  }

  run(): MappedDocument {
    const { spec, specPointer } = this;
    this.index.addSpec(spec, specPointer);

    arr(spec.workflows).forEach((workflow, i) => this.mapWorkflow(workflow as Obj, childPointer(childPointer(specPointer, 'workflows'), i)));
    const oldShapeWorkflow = this.mapOldShapeWorkflow();
    arr(spec.nodes).forEach((node, i) => this.mapNode(node, childPointer(childPointer(specPointer, 'nodes'), i), oldShapeWorkflow, null));
    this.mapEntities();

    this.queueFlow(spec.flow, childPointer(specPointer, 'flow'));
    this.queueFlow(spec.dependencies, childPointer(specPointer, 'dependencies'));
    this.applyFlows();
    for (const asset of this.assets) this.addDeclaredInputs(asset);

    return { assets: this.assets, info: this.documentInfo(), projectIdentifier: this.projectIdentifier };
  }

  // ---- references ---------------------------------------------------------------------------------------

  /** An inline object, or the entity a `{{reference}}` names; null (with a problem) when it names nothing. */
  private locate(value: unknown, field: string, pointer: string): Located | null {
    if (isObj(value)) return { value, pointer };
    const ref = ReferenceIndex.refId(value);
    if (ref === null) return null;
    const hit = this.index.resolve(ref, field);
    if (!hit) this.problem('warning', 'unresolved-reference', `${pathOf(pointer)}: ${String(value)} names nothing in this spec`, null);
    return hit ?? null;
  }

  private resolved(value: unknown, field: string, pointer: string): Obj | null {
    return this.locate(value, field, pointer)?.value ?? null;
  }

  /** A node id as written in a flow entry: plain, `{{id}}` or `{{nodes.id}}`. */
  private static idOf(value: unknown): string | null {
    const ref = ReferenceIndex.refId(value);
    if (ref === null) return str(value);
    return ref.replace(/^(nodes|workflows)\./, '');
  }

  private problem(severity: Problem['severity'], code: string, message: string, objectId: string | null): void {
    this.ctx.problems.push({ severity, code, message: `${this.ctx.entry}: ${message}`, entry: this.ctx.entry, objectId });
  }

  // ---- workflows and nodes ------------------------------------------------------------------------------

  private mapWorkflow(workflow: Obj, pointer: string): void {
    const script = this.resolved(workflow.script, 'script', childPointer(pointer, 'script'));
    const runtime = this.resolved(script?.runtime, 'runtime', childPointer(childPointer(pointer, 'script'), 'runtime'));
    const trigger = this.resolved(workflow.trigger, 'trigger', childPointer(pointer, 'trigger'));
    const name = str(workflow.name) ?? str(workflow.id);
    if (name === null) this.fail(pointer, 'a workflow needs an id or a name');
    const asset = this.base('workflow', workflow, pointer, name, str(script?.path));
    asset.nodeType = str(runtime?.command) ?? 'WORKFLOW';
    asset.schedule = scheduleOf(workflow, trigger, obj(workflow.strategy));
    asset.parameters = this.parameters([...arr(script?.parameters), ...arr(workflow.variables)], pointer);
    asset.original = without(workflow, ['nodes']);
    asset.contentHash = this.hash(asset.original, { script, trigger });
    this.push(asset);
    arr(workflow.nodes).forEach((node, i) => this.mapNode(node, childPointer(childPointer(pointer, 'nodes'), i), asset.id, null));
    this.queueFlow(workflow.dependencies, childPointer(pointer, 'dependencies'));
    this.queueFlow(workflow.flow, childPointer(pointer, 'flow'));
  }

  /** Old-shape ManualWorkflow and friends: the spec's own `id`/`name` is the workflow holding `spec.nodes`. */
  private mapOldShapeWorkflow(): string | null {
    const { spec } = this;
    if (arr(spec.workflows).length > 0 || !workflowKinds.has(this.kind ?? '') || str(spec.id) === null) return null;
    const asset = this.base('workflow', spec, this.specPointer, str(spec.name) ?? str(spec.id)!, null);
    asset.nodeType = this.kind === 'ManualWorkflow' ? 'MANUAL_WORKFLOW' : 'WORKFLOW';
    asset.parameters = this.parameters(arr(spec.variables), this.specPointer);
    asset.original = without(spec, [...assetCollections, 'flow', 'dependencies', 'scripts', 'triggers', 'runtimeResources', 'files', 'artifacts']);
    asset.contentHash = this.hash(asset.original);
    this.push(asset);
    return asset.id;
  }

  private mapNode(value: unknown, pointer: string, workflowId: string | null, parentId: string | null): void {
    const located = this.locate(value, 'nodes', pointer);
    if (!located) return;
    const node = located.value;
    const scriptAt = this.locate(node.script, 'script', childPointer(pointer, 'script'));
    const script = scriptAt?.value ?? null;
    const runtime = this.resolved(script?.runtime, 'runtime', childPointer(childPointer(pointer, 'script'), 'runtime'));
    const trigger = this.resolved(node.trigger, 'trigger', childPointer(pointer, 'trigger'));
    const runtimeResource = this.resolved(node.runtimeResource, 'runtimeResource', childPointer(pointer, 'runtimeResource'));
    const datasource = this.resolved(node.datasource, 'datasource', childPointer(pointer, 'datasource'));
    const metadata = obj(node.metadata);

    const name = str(node.name) ?? str(script?.name) ?? str(node.id);
    if (name === null) this.fail(pointer, 'a node needs an id or a name');
    const asset = this.base('node', node, pointer, name, str(script?.path));
    const container = obj(metadata?.container);
    asset.workflowId = workflowId ?? (str(container?.type) === 'Flow' ? str(container?.uuid) : null);
    asset.parentId = parentId;
    asset.nodeType = str(runtime?.command);
    asset.engine = str(runtime?.engine);
    asset.resourceGroup = str(runtimeResource?.resourceGroup);
    asset.datasource = datasource && str(datasource.name) !== null ? { name: str(datasource.name)!, type: str(datasource.type) } : null;
    asset.schedule = scheduleOf(node, trigger, null);
    asset.parameters = this.parameters(arr(script?.parameters), childPointer(pointer, 'script'));
    asset.owner = str(node.owner) ?? str(metadata?.owner);
    this.projectIdentifier ??= str(obj(metadata?.project)?.projectIdentifier);

    // Inline code stays in the document; the model keeps only where it is.
    const codeField = script && typeof script.content === 'string' ? 'content' : script && typeof script.code === 'string' ? 'code' : null;
    const code = codeField ? (script![codeField] as string) : null;
    if (codeField && scriptAt) asset.code = this.inlineCode(childPointer(scriptAt.pointer, codeField), str(script!.language), code!);

    const original = { ...node };
    if (codeField && isObj(node.script)) original.script = without(node.script, ['content', 'code']);
    for (const key of containerKeys) if (isObj(node[key])) original[key] = without(node[key], innerKeys);
    asset.original = original;
    const viaRefs = { script: isObj(node.script) ? null : without(script ?? {}, ['content', 'code']), trigger: isObj(node.trigger) ? null : trigger };
    asset.contentHash = this.hash(original, code, viaRefs);

    this.addResourceDependencies(asset, node, pointer);
    this.push(asset);

    for (const key of containerKeys) {
      const body = obj(node[key]);
      if (!body) continue;
      const bodyPointer = childPointer(pointer, key);
      arr(body.nodes).forEach((inner, i) => this.mapNode(inner, childPointer(childPointer(bodyPointer, 'nodes'), i), asset.workflowId, asset.id));
      for (const end of ['while', 'specWhile']) if (body[end] !== undefined && body[end] !== null) this.mapNode(body[end], childPointer(bodyPointer, end), asset.workflowId, asset.id);
      this.queueFlow(body.flow, childPointer(bodyPointer, 'flow'));
    }
  }

  /** Fields every asset has; callers fill in the rest. */
  private base(kind: AssetKind, source: Obj, pointer: string, name: string, path: string | null): Asset {
    const sourceId = str(source.id);
    const folderPath = folderFromPath(path, name);
    const id = sourceId === null ? derivedId(kind, folderPath, name) : kind === 'node' || kind === 'workflow' ? sourceId : `${kind}:${sourceId}`;
    const owner = str(source.owner) ?? str(obj(source.metadata)?.owner);
    return {
      id,
      sourceId,
      kind,
      name,
      folderPath,
      workflowId: null,
      parentId: null,
      owner,
      nodeType: null,
      engine: null,
      resourceGroup: null,
      datasource: null,
      schedule: null,
      parameters: [],
      inputs: nodeOutputsOf(source.inputs, (item) => this.resolved(item, 'outputs', pointer)),
      outputs: nodeOutputsOf(source.outputs, (item) => this.resolved(item, 'outputs', pointer)),
      dependencies: [],
      code: null,
      contentHash: '',
      origin: { entry: this.ctx.entry, pointer, specKind: this.kind, specVersion: this.version },
      original: source,
    };
  }

  private push(asset: Asset): void {
    this.assets.push(asset);
    if (asset.sourceId !== null && !this.bySourceId.has(asset.sourceId)) this.bySourceId.set(asset.sourceId, asset);
  }

  private parameters(items: unknown[], pointer: string): Parameter[] {
    const result: Parameter[] = [];
    for (const item of items) {
      const variable = this.resolved(item, 'parameters', pointer);
      const parameter = variable ? parameterOf(variable) : null;
      if (parameter) result.push(parameter);
    }
    return result;
  }

  private inlineCode(pointer: string, language: string | null, code: string): CodeRef {
    return { entry: this.ctx.entry, pointer, language, size: code.length };
  }

  /** The content hash of an asset's parts, unless the reader was asked not to hash (then ''). */
  private hash(...parts: unknown[]): string {
    return this.ctx.hashContent === false ? '' : contentHash(...parts);
  }

  private fail(pointer: string, message: string): never {
    throw new FerryError('malformed-document', `${this.ctx.entry}: ${pathOf(pointer)}: ${message}`, { entry: this.ctx.entry, path: pathOf(pointer) });
  }

  // ---- dependencies -------------------------------------------------------------------------------------

  private queueFlow(list: unknown, pointer: string): void {
    if (Array.isArray(list) && list.length > 0) this.flows.push({ list, pointer });
  }

  private applyFlows(): void {
    for (const { list, pointer } of this.flows) {
      list.forEach((entry, i) => {
        const flow = entry as Obj;
        const nodeId = SpecificationMapper.idOf(flow.nodeId);
        const asset = nodeId === null ? undefined : this.bySourceId.get(nodeId);
        if (!asset) {
          this.problem('warning', 'unknown-flow-node', `${pathOf(childPointer(pointer, i))}: flow entry for node ${String(nodeId)}, which is not in this spec`, nodeId);
          return;
        }
        for (const item of arr(flow.depends)) {
          const depend = item as Obj;
          addDependency(asset, {
            type: str(depend.type) ?? 'Normal',
            output: str(depend.output) ?? str(obj(depend.output)?.data),
            nodeId: SpecificationMapper.idOf(depend.nodeId),
            refTableName: str(depend.refTableName),
            targetId: null,
          });
        }
      });
    }
  }

  /** Inputs declared in `inputs.nodeOutputs` are dependencies too (SPEC-package nodes may carry only these). */
  private addDeclaredInputs(asset: Asset): void {
    for (const input of asset.inputs) {
      if (asset.dependencies.some((dep) => dep.output === input.data)) continue;
      asset.dependencies.push({ type: 'Normal', output: input.data, nodeId: null, refTableName: input.refTableName, targetId: null });
    }
  }

  /** `fileResources` / `functions` a node or function uses, by the id or name they give. */
  private addResourceDependencies(asset: Asset, source: Obj, pointer: string): void {
    for (const [field, type] of [
      ['fileResources', 'Resource'],
      ['functions', 'Function'],
    ] as const) {
      for (const item of arr(source[field])) {
        const used = this.resolved(item, field, childPointer(pointer, field));
        const key = str(used?.id) ?? str(used?.name);
        if (key !== null) addDependency(asset, { type, output: null, nodeId: key, refTableName: null, targetId: null });
      }
    }
  }

  // ---- spec-level entities ------------------------------------------------------------------------------

  private mapEntities(): void {
    const { spec, specPointer } = this;
    const each = (list: unknown, pointer: string, map: (item: Obj, pointer: string) => void): void =>
      arr(list).forEach((item, i) => {
        if (isObj(item)) map(item, childPointer(pointer, i));
      });
    each(spec.datasources, childPointer(specPointer, 'datasources'), (item, p) => this.mapEntity('datasource', item, p, str(item.type), ['config']));
    each(spec.fileResources, childPointer(specPointer, 'fileResources'), (item, p) => this.mapEntity('resource', item, p, str(item.type), ['script', 'content']));
    each(spec.functions, childPointer(specPointer, 'functions'), (item, p) => this.mapEntity('function', item, p, str(item.type), ['embeddedCode']));
    const tableType = (item: Obj): string | null => str(obj(item.calcEngine)?.type) ?? str(item.type);
    each(spec.tables, childPointer(specPointer, 'tables'), (item, p) => this.mapEntity('table', item, p, tableType(item), ['ddl']));
    const artifacts = obj(spec.artifacts);
    each(artifacts?.tables, childPointer(childPointer(specPointer, 'artifacts'), 'tables'), (item, p) => this.mapEntity('table', item, p, tableType(item), ['ddl']));
    each(spec.components, childPointer(specPointer, 'components'), (item, p) => {
      const runtime = obj(obj(item.script)?.runtime);
      this.mapEntity('component', item, p, str(runtime?.command), ['script', 'content']);
    });
    each(spec.dqcRules, childPointer(specPointer, 'dqcRules'), (item, p) => this.mapEntity('quality-rule', item, p, str(item.type), []));
  }

  /**
   * Resources, functions, datasources, tables, components, rules. `codeAt` is where their "code" sits
   * (resource script, embedded function code, table DDL, datasource `config`): loaded lazily like node code.
   * A datasource `config` usually holds credentials, so keeping it out of the model also keeps it off the API.
   */
  private mapEntity(kind: AssetKind, item: Obj, pointer: string, nodeType: string | null, codeAt: readonly string[]): void {
    const guidName = str(item.guid)?.split('.').pop() ?? null;
    const script = obj(item.script);
    const name = str(item.name) ?? guidName ?? str(item.id);
    if (name === null) this.fail(pointer, `a ${kind} needs an id or a name`);
    const file = this.resolved(item.file, 'file', childPointer(pointer, 'file'));
    const asset = this.base(kind, item, pointer, name, str(script?.path) ?? str(file?.path));
    asset.nodeType = nodeType;
    const datasource = this.resolved(item.datasource, 'datasource', childPointer(pointer, 'datasource'));
    if (datasource && str(datasource.name) !== null) asset.datasource = { name: str(datasource.name)!, type: str(datasource.type) };
    asset.resourceGroup = str(this.resolved(item.runtimeResource, 'runtimeResource', pointer)?.resourceGroup);
    if (kind === 'table' || kind === 'quality-rule') asset.engine = str(obj(item.calcEngine)?.type);

    let original: Obj = item;
    let code: string | null = null;
    const holder = codeAt.length === 2 ? obj(item[codeAt[0]]) : codeAt.length === 1 ? item : null;
    const field = codeAt[codeAt.length - 1];
    if (holder && field && typeof holder[field] === 'string') {
      code = holder[field];
      asset.code = this.inlineCode(childPointer(codeAt.length === 2 ? childPointer(pointer, codeAt[0]) : pointer, field), str(item.language) ?? str(item.embeddedCodeType), code);
      original = codeAt.length === 2 ? { ...item, [codeAt[0]]: without(holder, [field]) } : without(item, [field]);
    }
    asset.original = original;
    asset.contentHash = this.hash(original, code);
    this.addResourceDependencies(asset, item, pointer);
    const ruleNode = kind === 'quality-rule' ? qualityRuleNodeDependency(item) : null;
    if (ruleNode) addDependency(asset, ruleNode);
    this.push(asset);
  }

  private documentInfo(): DocumentInfo {
    const envelopeExtra = without(this.doc, ['version', 'kind', 'metadata', 'spec']);
    const specExtra = without(this.spec, assetCollections);
    const artifacts = obj(this.spec.artifacts);
    if (artifacts) {
      const rest = without(artifacts, ['tables']);
      if (Object.keys(rest).length > 0) specExtra.artifacts = rest;
      else delete specExtra.artifacts;
    }
    return {
      entry: this.ctx.entry,
      pointer: this.ctx.pointer,
      version: this.version,
      kind: this.kind,
      metadata: this.doc.metadata ?? null,
      envelopeExtra: Object.keys(envelopeExtra).length > 0 ? envelopeExtra : null,
      specExtra: Object.keys(specExtra).length > 0 ? specExtra : null,
    };
  }
}

/** Adds a dependency unless the same one is already there (real exports repeat depends entries). */
function addDependency(asset: Asset, dependency: Dependency): void {
  const same = asset.dependencies.some(
    (dep) => dep.type === dependency.type && dep.output === dependency.output && dep.nodeId === dependency.nodeId,
  );
  if (!same) asset.dependencies.push(dependency);
}
