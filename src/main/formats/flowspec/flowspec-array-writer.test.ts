import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageModel } from '../../../shared/model/package-model';
import { fixture } from '../../test-support/fixtures';
import { openCodeReader, readPackage } from '../read-package';
import { writeFlowSpecArray } from './flowspec-array-writer';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-flowspec-array-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const outFile = (): string => path.join(dir, `out-${++counter}.json`);

async function nodes(model: PackageModel, withHash: boolean) {
  const reader = await openCodeReader(model);
  try {
    const out = [];
    for (const a of model.assets.filter((asset) => asset.kind === 'node')) {
      out.push({
        id: a.id,
        name: a.name,
        nodeType: a.nodeType,
        parentId: a.parentId,
        dependencies: a.dependencies,
        contentHash: withHash ? a.contentHash : null,
        code: await reader.read(a.id),
      });
    }
    return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  } finally {
    await reader.close();
  }
}

describe('writeFlowSpecArray', () => {
  it.each([
    'cycle_workflow.json',
    'manual_workflow.json',
    'real/cycle_workflow_spec.json',
    'real/trigger_workflow_inner_foreach_inner_node.json',
    'real/single_dowhile_spec.json',
  ])('FlowSpec %s -> array -> read gives the same nodes (content hashes included)', async (name) => {
    const first = await readPackage(fixture('flowspec', ...name.split('/')));
    const file = outFile();
    const result = await writeFlowSpecArray(file, first);
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toHaveLength(result.specs);
    const second = await readPackage(file);
    expect(await nodes(second, true)).toEqual(await nodes(first, true));
  });

  it('dev sample -> one spec per workflow -> read gives the same nodes, dependencies and code', async () => {
    const first = await readPackage(path.resolve('resources/samples/dev'));
    const file = outFile();
    const result = await writeFlowSpecArray(file, first);
    const workflows = first.assets.filter((a) => a.kind === 'workflow');
    expect(result.specs).toBe(workflows.length);
    const specs = JSON.parse(await fs.readFile(file, 'utf8')) as {
      kind: string;
      spec: { workflows: { name: string }[] };
    }[];
    expect(specs.map((s) => s.spec.workflows[0].name)).toEqual(workflows.map((w) => w.name));
    const second = await readPackage(file);
    // Code moves from files into script.content, so content hashes differ by design of the readers.
    expect(await nodes(second, false)).toEqual(await nodes(first, false));
  });

  it('streams: leaves no file when aborted', async () => {
    const model = await readPackage(path.resolve('resources/samples/dev'));
    const file = outFile();
    const controller = new AbortController();
    const error = await writeFlowSpecArray(file, model, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('cancelled');
    expect((await fs.readdir(dir)).filter((n) => n.startsWith(path.basename(file)))).toEqual([]);
  });
});
