import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import type { Problem } from '../../../shared/model/package-model';
import { readFlowSpecText } from './flowspec-reader';

function failure(text: string, entry: string): FerryError {
  let caught: unknown;
  try {
    readFlowSpecText(text, entry, []);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FerryError);
  const error = caught as FerryError;
  expect(error.message).not.toContain('\n');
  expect(error.message.startsWith(`${entry}: `)).toBe(true);
  return error;
}

const node = (extra: Record<string, unknown>): string => JSON.stringify({ version: '1.1.0', kind: 'CycleWorkflow', spec: { nodes: [{ id: 'n1', name: 'n1', ...extra }] } });

describe('bad FlowSpec documents', () => {
  it('malformed JSON names the file and the position', () => {
    const error = failure('{\n  "version": "1.1.0",\n  "kind": "CycleWorkflow",\n  "spec": {"nodes": [}\n}', 'broken.json');
    expect(error.code).toBe('malformed-document');
    expect(error.message).toMatch(/^broken\.json: not valid JSON: /);
  });

  it('an empty file is malformed', () => {
    expect(failure('  \n', 'empty.json').message).toBe('empty.json: the document is empty');
  });

  it('malformed YAML names the file, line and column', () => {
    const error = failure('version: 1.1.0\nkind: CycleWorkflow\nspec:\n  nodes: [\n    - id: a\n', 'broken.yaml');
    expect(error.code).toBe('malformed-document');
    expect(error.message).toMatch(/^broken\.yaml: not valid YAML: .* at line \d+, column \d+$/);
  });

  it('a YAML alias bomb is refused before it expands', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']])
      lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
    const error = failure(`${lines.join('\n')}\nversion: 1.1.0\nkind: CycleWorkflow\nspec: {nodes: [{id: x, name: *i}]}\n`, 'bomb.yaml');
    expect(error.code).toBe('malformed-document');
    expect(error.message).toMatch(/^bomb\.yaml: YAML aliases expand too much/);
  });

  it('duplicate YAML keys are malformed', () => {
    expect(failure('version: 1.1.0\nkind: CycleWorkflow\nkind: Node\nspec: {}\n', 'dup.yaml').message).toMatch(/^dup\.yaml: not valid YAML: Map keys must be unique/);
  });

  it('a document that is not an object', () => {
    expect(failure('"just a string"', 'str.json').message).toBe('str.json: $: expected a FlowSpec object, got string');
    expect(failure('[1]', 'arr.json').message).toBe('arr.json: $[0]: expected a FlowSpec object, got number');
  });

  it('missing required fields give the JSON path', () => {
    expect(failure('{"version":"1.1.0","kind":"CycleWorkflow"}', 'nospec.json').message).toBe('nospec.json: $.spec: required field is missing');
    expect(failure('{"version":"1.1.0","spec":{}}', 'nokind.json').message).toBe('nokind.json: $.kind: required field is missing');
    const flow = JSON.stringify({ version: '1.1.0', kind: 'CycleWorkflow', spec: { nodes: [{ id: 'a' }], flow: [{ depends: [] }] } });
    expect(failure(flow, 'flow.json').message).toBe('flow.json: $.spec.flow[0].nodeId: required field is missing');
    const anonymous = JSON.stringify({ version: '1.1.0', kind: 'CycleWorkflow', spec: { nodes: [{ script: { path: 'x' } }] } });
    expect(failure(anonymous, 'anon.json').message).toBe('anon.json: $.spec.nodes[0]: a node needs an id or a name');
    const datasource = JSON.stringify({ version: '1.1.0', kind: 'DataSource', spec: { datasources: [{ id: 'd', type: 'mysql' }] } });
    expect(failure(datasource, 'ds.json').message).toBe('ds.json: $.spec.datasources[0].name: required field is missing');
  });

  it('wrong types give the JSON path, expected and actual type', () => {
    expect(failure(node({ name: 42 }), 'type.json').message).toBe('type.json: $.spec.nodes[0].name: expected string, got number');
    expect(failure(node({ rerunTimes: 'three' }), 'type.json').message).toBe('type.json: $.spec.nodes[0].rerunTimes: expected number, got string');
    expect(failure(node({ script: { runtime: { command: ['ODPS_SQL'] } } }), 'type.json').message).toBe('type.json: $.spec.nodes[0].script.runtime.command: expected string, got array');
    expect(failure(node({ script: 'not a ref' }), 'type.json').message).toBe('type.json: $.spec.nodes[0].script: expected an object or a {{reference}}');
    expect(failure(node({ id: true }), 'type.json').message).toBe('type.json: $.spec.nodes[0].id: expected string or number, got boolean');
    expect(failure('{"version":"1.1.0","kind":"CycleWorkflow","spec":{"nodes":"n1"}}', 'type.json').message).toBe('type.json: $.spec.nodes: expected array, got string');
    const inner = node({ 'do-while': { nodes: [{ id: 'i', name: 'i', trigger: { cron: 5 } }] } });
    expect(failure(inner, 'inner.json').message).toBe('inner.json: $.spec.nodes[0]["do-while"].nodes[0].trigger.cron: expected string, got number');
    const arrayPath = JSON.stringify([{ version: '1.1.0', kind: 'Node', spec: {} }, { version: '1.1.0', kind: 7, spec: {} }]);
    expect(failure(arrayPath, 'many.json').message).toBe('many.json: $[1].kind: expected string, got number');
  });
});

describe('documents the reader accepts', () => {
  it('an array of specs (migrationx DataWorksFlowSpecReader output) gives the assets of all, with pointers', () => {
    const specs = [0, 1].map((i) => ({ version: '1.1.0', kind: 'CycleWorkflow', spec: { workflows: [{ id: `w${i}`, name: `w${i}`, nodes: [{ id: `n${i}`, name: `n${i}` }] }] } }));
    const result = readFlowSpecText(JSON.stringify(specs), 'all.json', []);
    expect(result.assets.map((a) => [a.id, a.workflowId, a.origin.pointer])).toEqual([
      ['w0', null, '/0/spec/workflows/0'],
      ['n0', 'w0', '/0/spec/workflows/0/nodes/0'],
      ['w1', null, '/1/spec/workflows/0'],
      ['n1', 'w1', '/1/spec/workflows/0/nodes/0'],
    ]);
    expect(result.documents.map((d) => d.pointer)).toEqual(['/0', '/1']);
  });

  it('keeps unknown fields at every level and reports unresolvable references as problems', () => {
    const problems: Problem[] = [];
    const text = JSON.stringify({
      version: '1.1.0',
      kind: 'CycleWorkflow',
      futureEnvelope: { a: 1 },
      spec: { futureSpec: true, nodes: [{ id: 'a', name: 'a', futureNode: [1, 2], script: '{{scripts.missing}}' }] },
    });
    const result = readFlowSpecText(text, 'future.json', problems);
    expect(result.assets[0].original).toMatchObject({ futureNode: [1, 2], script: '{{scripts.missing}}' });
    expect(result.documents[0].envelopeExtra).toEqual({ futureEnvelope: { a: 1 } });
    expect(result.documents[0].specExtra).toEqual({ futureSpec: true });
    expect(problems).toEqual([
      { severity: 'warning', code: 'unresolved-reference', message: 'future.json: $.spec.nodes[0].script: {{scripts.missing}} names nothing in this spec', entry: 'future.json', objectId: null },
    ]);
  });

  it('derives a stable id from kind, folder and name when the source has none', () => {
    const text = JSON.stringify({ version: '1.1.0', kind: 'Resource', spec: { fileResources: [{ name: 'a.jar', type: 'jar', script: { path: 'res/a.jar' } }] } });
    const first = readFlowSpecText(text, 'r.json', []).assets[0];
    const second = readFlowSpecText(text, 'r.json', []).assets[0];
    expect(first.id).toMatch(/^resource:~[0-9a-f]{24}$/);
    expect(second.id).toBe(first.id);
    expect(first.sourceId).toBeNull();
  });

  it('content hash ignores key order and export metadata, but not content', () => {
    const make = (node: Record<string, unknown>) => readFlowSpecText(JSON.stringify({ version: '1.1.0', kind: 'Node', spec: { nodes: [node] } }), 'h.json', []).assets[0].contentHash;
    const base = make({ id: 'a', name: 'a', script: { content: 'select 1' } });
    expect(make({ script: { content: 'select 1' }, name: 'a', id: 'a' })).toBe(base);
    expect(make({ id: 'a', name: 'a', script: { content: 'select 1' }, metadata: { createTime: '2025-01-01' } })).toBe(base);
    expect(make({ id: 'a', name: 'a', script: { content: 'select 2' } })).not.toBe(base);
  });
});
