import { z } from 'zod';
import { FerryError } from '../../../shared/errors';

/**
 * Structural checks on a parsed FlowSpec document. These schemas only validate: the reader keeps working on
 * the original data (zod would copy it), so unknown fields are never dropped. Everything is loose and most
 * fields optional, because real exports and hand-written examples differ widely; what is checked is the type
 * of every field the reader uses, and the few fields without which it cannot work.
 */

/** `{{id}}` or `{{type.id}}`: FlowSpec's reference to an entity defined elsewhere in the spec. */
export const referencePattern = /^\{\{\s*([^{}]+?)\s*\}\}$/;
const reference = z.string().regex(referencePattern, 'expected an object or a {{reference}}');
const orRef = <T extends z.ZodType>(schema: T) => z.union([reference, schema]);

const id = z.union([z.string(), z.number()]);
const text = z.string().nullish();
const count = z.number().nullish();

const nodeOutput = z.looseObject({ data: z.string(), refTableName: text, isDefault: z.boolean().nullish() });
const variable = z.looseObject({ name: z.string().nullish(), value: z.union([z.string(), z.number(), z.boolean()]).nullish(), type: text, scope: text });
const io = z.looseObject({
  nodeOutputs: z.array(orRef(nodeOutput)).nullish(),
  outputs: z.array(orRef(nodeOutput)).nullish(),
  tables: z.array(z.unknown()).nullish(),
  variables: z.array(orRef(variable)).nullish(),
});
const runtime = z.looseObject({ engine: text, command: text });
const script = z.looseObject({
  id: id.nullish(),
  path: text,
  language: text,
  content: text,
  code: text,
  runtime: orRef(runtime).nullish(),
  parameters: z.array(orRef(variable)).nullish(),
});
const trigger = z.looseObject({ type: text, cron: text, startTime: text, endTime: text, timezone: text, delaySeconds: count, recurrence: text });
const runtimeResource = z.looseObject({ resourceGroup: z.union([z.string(), z.number()]).nullish() });
const datasourceRef = z.looseObject({ name: text, type: text });
const depend = z.looseObject({
  nodeId: id.nullish(),
  output: z.union([z.string(), z.looseObject({ data: z.string() })]).nullish(),
  type: text,
  refTableName: text,
});
export const flowDependSchema = z.looseObject({ nodeId: id, depends: z.array(depend).nullish() });
const flow = z.array(flowDependSchema).nullish();

interface NodeShape {
  [key: string]: unknown;
}
const container: z.ZodType = z.lazy(() =>
  z.looseObject({ nodes: z.array(orRef(node)).nullish(), while: orRef(node).nullish(), specWhile: orRef(node).nullish(), flow }),
);
export const nodeSchema: z.ZodType<NodeShape> = z.lazy(() =>
  z.looseObject({
    id: id.nullish(),
    name: text,
    owner: id.nullish(),
    script: orRef(script).nullish(),
    trigger: orRef(trigger).nullish(),
    runtimeResource: orRef(runtimeResource).nullish(),
    datasource: orRef(datasourceRef).nullish(),
    inputs: io.nullish(),
    outputs: io.nullish(),
    recurrence: text,
    instanceMode: text,
    rerunMode: text,
    rerunTimes: count,
    rerunInterval: count,
    priority: count,
    timeout: count,
    fileResources: z.array(z.unknown()).nullish(),
    functions: z.array(z.unknown()).nullish(),
    doWhile: container.nullish(),
    'do-while': container.nullish(),
    foreach: container.nullish(),
    'for-each': container.nullish(),
    subflow: container.nullish(),
    'sub-flow': container.nullish(),
    paiflow: container.nullish(),
    combined: container.nullish(),
  }),
);
const node = nodeSchema;

const workflow = z.looseObject({
  id: id.nullish(),
  name: text,
  owner: id.nullish(),
  script: orRef(script).nullish(),
  trigger: orRef(trigger).nullish(),
  strategy: z.looseObject({ rerunTimes: count, rerunInterval: count, priority: count, timeout: count }).nullish(),
  inputs: io.nullish(),
  outputs: io.nullish(),
  nodes: z.array(orRef(node)).nullish(),
  dependencies: flow,
  flow,
});

const named = z.looseObject({ id: id.nullish(), name: text, type: text });
const entityList = z.array(orRef(named)).nullish();

const spec = z.looseObject({
  id: id.nullish(),
  name: text,
  nodes: z.array(orRef(node)).nullish(),
  workflows: z.array(workflow).nullish(),
  flow,
  dependencies: flow,
  variables: z.array(variable).nullish(),
  scripts: z.array(script).nullish(),
  triggers: z.array(trigger).nullish(),
  runtimeResources: z.array(runtimeResource).nullish(),
  datasources: z.array(z.looseObject({ id: id.nullish(), name: z.string(), type: text, config: z.unknown() })).nullish(),
  fileResources: entityList,
  functions: entityList,
  tables: entityList,
  components: entityList,
  dqcRules: z.array(z.unknown()).nullish(),
  artifacts: z.union([z.array(z.unknown()), z.looseObject({ tables: entityList })]).nullish(),
  files: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
});

export const specificationSchema = z.looseObject({
  version: z.union([z.string(), z.number()]).nullish(),
  kind: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  spec,
});

/** `$.spec.nodes[2].script` from a zod path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Unions report every branch; the branch that got furthest into the data is the one the author meant, so its
 * first issue is the useful one.
 */
function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: z.core.$ZodIssue | undefined;
  for (const branch of issue.errors) {
    for (const candidate of branch) {
      const inner = deepestIssue(candidate);
      if (!best || inner.path.length > best.path.length) best = inner;
    }
  }
  if (!best || best.path.length === 0) return issue;
  return { ...best, path: [...issue.path, ...best.path] };
}

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && input === undefined) return 'required field is missing';
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${typeName(input)}`;
  if (issue.code === 'invalid_union') {
    // A union that failed at this very value: list what each branch wanted.
    const wanted = new Set<string>();
    for (const branch of issue.errors) {
      for (const inner of branch) {
        if (inner.path.length > 0) continue;
        if (inner.code === 'invalid_type') wanted.add(inner.expected === 'object' ? 'an object' : inner.expected);
        else if (inner.code === 'invalid_format') wanted.add('a {{reference}}');
      }
    }
    if (wanted.size > 0) return `expected ${[...wanted].join(' or ')}, got ${typeName(input)}`;
  }
  return issue.message;
}

/**
 * Checks a parsed document against {@link specificationSchema}; throws `malformed-document` naming the entry,
 * the JSON path and the problem, e.g. `flow.json: $.spec.nodes[0].name: expected string, got number`.
 */
export function checkSpecification(data: unknown, entry: string, basePath: readonly PropertyKey[] = []): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data;
    throw new FerryError('malformed-document', `${entry}: ${jsonPath(basePath)}: expected a FlowSpec object, got ${got}`);
  }
  if (fastSpecificationCheck(data)) return;
  const result = specificationSchema.safeParse(data, { reportInput: true });
  if (result.success) return;
  const issue = deepestIssue(result.error.issues[0]);
  throw new FerryError('malformed-document', `${entry}: ${jsonPath([...basePath, ...issue.path])}: ${describeIssue(issue)}`, {
    entry,
    path: jsonPath([...basePath, ...issue.path]),
  });
}

// ---- fast path ----------------------------------------------------------------------------------------------
//
// zod costs about 20 µs for a small node document, which is 0.4 s on a 20,000-node package. The checks below
// mirror the schemas above field for field and only answer "certainly valid"; anything they do not accept goes
// to zod, which accepts it or produces the precise message. So a gap here can only cost speed, never let a bad
// document through, as long as each check is at least as strict as its schema. flowspec-schema.test.ts compares
// both on the fixtures and on mutated documents.

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPlain = (value: unknown): boolean => {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};
const isString: Check = (value) => typeof value === 'string';
// zod 4 numbers are finite (YAML can say .inf / .nan).
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const nullish =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value);
const either =
  (...checks: Check[]): Check =>
  (value) =>
    checks.some((check) => check(value));
const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);
const anyArray: Check = (value) => Array.isArray(value);
/** A loose object: an object whose listed fields pass; other fields are not looked at. */
const shape = (fields: Record<string, Check>): Check => {
  const entries = Object.entries(fields);
  return (value) => {
    if (!isObject(value)) return false;
    for (const [key, check] of entries) if (!check(value[key])) return false;
    return true;
  };
};
const fastRef: Check = (value) => typeof value === 'string' && referencePattern.test(value);
const fastOrRef = (check: Check): Check => either(fastRef, check);

const fastId = either(isString, isNumber);
const fastText = nullish(isString);
const fastCount = nullish(isNumber);
const fastNodeOutput = shape({ data: isString, refTableName: fastText, isDefault: nullish((v) => typeof v === 'boolean') });
const fastVariable = shape({
  name: fastText,
  value: nullish(either(isString, isNumber, (v) => typeof v === 'boolean')),
  type: fastText,
  scope: fastText,
});
const fastIo = shape({
  nodeOutputs: nullish(arrayOf(fastOrRef(fastNodeOutput))),
  outputs: nullish(arrayOf(fastOrRef(fastNodeOutput))),
  tables: nullish(anyArray),
  variables: nullish(arrayOf(fastOrRef(fastVariable))),
});
const fastRuntime = shape({ engine: fastText, command: fastText });
const fastScript = shape({
  id: nullish(fastId),
  path: fastText,
  language: fastText,
  content: fastText,
  code: fastText,
  runtime: nullish(fastOrRef(fastRuntime)),
  parameters: nullish(arrayOf(fastOrRef(fastVariable))),
});
const fastTrigger = shape({ type: fastText, cron: fastText, startTime: fastText, endTime: fastText, timezone: fastText, delaySeconds: fastCount, recurrence: fastText });
const fastRuntimeResource = shape({ resourceGroup: nullish(either(isString, isNumber)) });
const fastDatasourceRef = shape({ name: fastText, type: fastText });
const fastDepend = shape({
  nodeId: nullish(fastId),
  output: nullish(either(isString, shape({ data: isString }))),
  type: fastText,
  refTableName: fastText,
});
const fastFlow = nullish(arrayOf(shape({ nodeId: fastId, depends: nullish(arrayOf(fastDepend)) })));
// Node and container refer to each other; `fastNode` is assigned below.
let fastNode: Check = () => false;
const fastNodeRef: Check = (value) => fastNode(value);
const fastContainer = nullish(shape({ nodes: nullish(arrayOf(fastOrRef(fastNodeRef))), while: nullish(fastOrRef(fastNodeRef)), specWhile: nullish(fastOrRef(fastNodeRef)), flow: fastFlow }));
fastNode = shape({
  id: nullish(fastId),
  name: fastText,
  owner: nullish(fastId),
  script: nullish(fastOrRef(fastScript)),
  trigger: nullish(fastOrRef(fastTrigger)),
  runtimeResource: nullish(fastOrRef(fastRuntimeResource)),
  datasource: nullish(fastOrRef(fastDatasourceRef)),
  inputs: nullish(fastIo),
  outputs: nullish(fastIo),
  recurrence: fastText,
  instanceMode: fastText,
  rerunMode: fastText,
  rerunTimes: fastCount,
  rerunInterval: fastCount,
  priority: fastCount,
  timeout: fastCount,
  fileResources: nullish(anyArray),
  functions: nullish(anyArray),
  doWhile: fastContainer,
  'do-while': fastContainer,
  foreach: fastContainer,
  'for-each': fastContainer,
  subflow: fastContainer,
  'sub-flow': fastContainer,
  paiflow: fastContainer,
  combined: fastContainer,
});
const fastWorkflow = shape({
  id: nullish(fastId),
  name: fastText,
  owner: nullish(fastId),
  script: nullish(fastOrRef(fastScript)),
  trigger: nullish(fastOrRef(fastTrigger)),
  strategy: nullish(shape({ rerunTimes: fastCount, rerunInterval: fastCount, priority: fastCount, timeout: fastCount })),
  inputs: nullish(fastIo),
  outputs: nullish(fastIo),
  nodes: nullish(arrayOf(fastOrRef(fastNodeRef))),
  dependencies: fastFlow,
  flow: fastFlow,
});
const fastDatasource = shape({ id: nullish(fastId), name: isString, type: fastText });
const fastEntityList = nullish(arrayOf(fastOrRef(shape({ id: nullish(fastId), name: fastText, type: fastText }))));
const fastSpec = shape({
  id: nullish(fastId),
  name: fastText,
  nodes: nullish(arrayOf(fastOrRef(fastNodeRef))),
  workflows: nullish(arrayOf(fastWorkflow)),
  flow: fastFlow,
  dependencies: fastFlow,
  variables: nullish(arrayOf(fastVariable)),
  scripts: nullish(arrayOf(fastScript)),
  triggers: nullish(arrayOf(fastTrigger)),
  runtimeResources: nullish(arrayOf(fastRuntimeResource)),
  // `config: z.unknown()` is required to be present in zod 4 (any value, even undefined, but the key must exist).
  datasources: nullish(arrayOf((value) => isObject(value) && Object.hasOwn(value, 'config') && fastDatasource(value))),
  fileResources: fastEntityList,
  functions: fastEntityList,
  tables: fastEntityList,
  components: fastEntityList,
  dqcRules: nullish(anyArray),
  artifacts: nullish(either(anyArray, shape({ tables: fastEntityList }))),
  files: nullish(either(anyArray, isPlain)),
});

/** True only when {@link specificationSchema} certainly accepts `data`; false means "ask zod". */
export const fastSpecificationCheck: Check = shape({
  version: nullish(either(isString, isNumber)),
  kind: isString,
  metadata: nullish(isPlain),
  spec: fastSpec,
});
