import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import type { PackageModel } from '../../../shared/model/package-model';
import { fixture } from '../../test-support/fixtures';
import { openFolderSource } from '../source/folder-source';
import { readSpecPackage } from './spec-package-reader';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-spec-package-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function readFolder(folder: string): Promise<PackageModel> {
  const source = await openFolderSource(folder);
  try {
    return await readSpecPackage(source, { container: 'folder', sourcePath: folder });
  } finally {
    await source.close();
  }
}

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
}

const nodeSpec = (node: Record<string, unknown>, kind = 'CycleWorkflow') => JSON.stringify({ version: '1.1.0', kind, spec: { nodes: [node] } });

describe('the real SPEC package fixture (spec-package/test)', () => {
  it('yields 1 workflow (the 业务流程/test_flow1 folder) and 1 ODPS_SQL node with its code file beside it', async () => {
    const model = await readFolder(fixture('spec-package', 'test'));
    expect(model.format).toBe('spec-package');
    expect(model.root).toBe('');
    expect(model.problems).toEqual([]);
    expect(model.assets.map((a) => [a.kind, a.name, a.nodeType])).toEqual([
      ['workflow', 'test_flow1', 'BUSINESS'],
      ['node', 'test1', 'ODPS_SQL'],
    ]);
    const [workflow, node] = model.assets;
    expect(workflow.folderPath).toBe('业务流程');
    expect(node.id).toBe('e2f7ce7c-e5ee-49aa-a13f-2958006e257e');
    expect(node.workflowId).toBe(workflow.id);
    expect(node.folderPath).toBe('业务流程/test_flow1/MaxCompute/数据开发');
    expect(node.engine).toBe('MaxCompute');
    expect(node.schedule).toMatchObject({ instanceMode: 'T+1', rerunMode: 'Allowed', recurrence: 'Normal' });
    expect(node.dependencies).toEqual([]);
    expect(node.code).toEqual({ entry: 'DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.sql', pointer: null, language: null, size: 0 });
  });
});

describe('SPEC package layouts', () => {
  it('reads English folder names, .flow files, resources, data sources and queries, resolving dependencies across files', async () => {
    const root = path.join(dir, 'english');
    await writeTree(root, {
      'SPEC.FORMAT': '',
      'DataStudio/Business Flow/wf/MaxCompute/Data Analytics/n1/n1.schedule.json': nodeSpec({
        id: 'n1-id',
        name: 'n1',
        script: { language: 'odps-sql', runtime: { engine: 'MaxCompute', command: 'ODPS_SQL' } },
        outputs: { nodeOutputs: [{ data: 'proj.n1', isDefault: false }] },
      }),
      'DataStudio/Business Flow/wf/MaxCompute/Data Analytics/n1/n1.sql': 'select 1',
      'DataStudio/Business Flow/wf/General/n2/n2.schedule.json': nodeSpec({
        id: 'n2-id',
        name: 'n2',
        script: { runtime: { command: 'DIDE_SHELL' } },
        inputs: { nodeOutputs: [{ data: 'proj.n1' }, { data: 'other_project.x' }] },
      }),
      'DataStudio/Business Flow/wf/General/n2/n2.sh': 'echo hi',
      'DataStudio/Business Flow/wf/MaxCompute/Resource/x.jar.schedule.json': JSON.stringify({
        version: '1.1.0',
        kind: 'Resource',
        spec: { fileResources: [{ id: 'res-x', name: 'x.jar', type: 'jar' }] },
      }),
      'DataStudio/Business Flow/wf/MaxCompute/Resource/x.jar': 'PK-binary',
      'DataStudio/Workflow/old_wf/EMR/Data Analytics/demo.flow': nodeSpec({ id: 'demo-id', name: 'demo', script: { runtime: { command: 'EMR_HIVE' } } }),
      'DataStudio/Workflow/old_wf/EMR/Data Analytics/demo.hql': 'select 2',
      'DataStudio/Workflow/old_wf/EMR/Data Analytics/demo_10.hql': 'not demo code',
      'DataStudio/Queries/q1/q1.schedule.json': nodeSpec({ id: 'q1-id', name: 'q1', script: { runtime: { command: 'ODPS_SQL' } } }),
      'DataSource/mysql/rds/DEV/ds1/ds1.json': JSON.stringify({ version: '1.1.0', kind: 'DataSource', spec: { datasources: [{ id: 'ds1-id', name: 'ds1', type: 'mysql', subType: 'rds', config: '{"password":"pw"}' }] } }),
      'README.txt': 'not part of the package',
    });
    const model = await readFolder(root);
    expect(model.assets.map((a) => [a.kind, a.name, a.nodeType, a.folderPath])).toEqual([
      ['datasource', 'ds1', 'mysql', 'mysql/rds/DEV'],
      ['workflow', 'wf', 'BUSINESS', 'Business Flow'],
      ['node', 'n2', 'DIDE_SHELL', 'Business Flow/wf/General'],
      ['node', 'n1', 'ODPS_SQL', 'Business Flow/wf/MaxCompute/Data Analytics'],
      ['resource', 'x.jar', 'jar', 'Business Flow/wf/MaxCompute/Resource'],
      ['query', 'q1', 'ODPS_SQL', 'Queries'],
      ['workflow', 'old_wf', 'OLD_WORKFLOW', 'Workflow'],
      ['node', 'demo', 'EMR_HIVE', 'Workflow/old_wf/EMR/Data Analytics'],
    ]);
    const byName = new Map(model.assets.map((a) => [a.name, a]));
    expect(byName.get('n2')!.dependencies.map((d) => [d.output, d.targetId])).toEqual([
      ['proj.n1', 'n1-id'],
      ['other_project.x', null],
    ]);
    expect(byName.get('n1')!.workflowId).toBe(byName.get('wf')!.id);
    expect(byName.get('x.jar')!.workflowId).toBe(byName.get('wf')!.id);
    expect(byName.get('demo')!.workflowId).toBe(byName.get('old_wf')!.id);
    expect(byName.get('q1')!.workflowId).toBeNull();
    expect(byName.get('n1')!.code).toMatchObject({ entry: 'DataStudio/Business Flow/wf/MaxCompute/Data Analytics/n1/n1.sql', language: 'odps-sql', size: 8 });
    expect(byName.get('x.jar')!.code).toMatchObject({ entry: 'DataStudio/Business Flow/wf/MaxCompute/Resource/x.jar', size: 9 });
    expect(byName.get('demo')!.code).toMatchObject({ entry: 'DataStudio/Workflow/old_wf/EMR/Data Analytics/demo.hql' });
    expect(byName.get('ds1')!.code).toMatchObject({ entry: 'DataSource/mysql/rds/DEV/ds1/ds1.json', pointer: '/spec/datasources/0/config' });
    expect(model.projectIdentifier).toBe('proj');
    expect(model.problems.map((p) => [p.severity, p.code])).toEqual([
      ['info', 'unrecognized-entries'],
      ['info', 'external-dependencies'],
    ]);
  });

  it('keeps reading when one description file is broken, and reports it with the entry', async () => {
    const root = path.join(dir, 'broken');
    await writeTree(root, {
      'pkg/SPEC.FORMAT': '',
      'pkg/DataStudio/业务流程/f/通用/good/good.schedule.json': nodeSpec({ id: 'good', name: 'good' }),
      'pkg/DataStudio/业务流程/f/通用/bad/bad.schedule.json': '{"version": "1.1.0", "kind": ',
      'pkg/DataStudio/业务流程/f/通用/typed/typed.schedule.json': nodeSpec({ id: 'typed', name: 'typed', rerunTimes: 'x' }),
    });
    const progress: [number, number][] = [];
    const source = await openFolderSource(root);
    const model = await readSpecPackage(source, { container: 'folder', sourcePath: root }, { onProgress: (done, total) => progress.push([done, total]) });
    expect(model.root).toBe('pkg/');
    expect(model.assets.map((a) => a.name)).toEqual(['f', 'good']);
    expect(model.problems).toEqual([
      { severity: 'error', code: 'malformed-document', message: expect.stringMatching(/^pkg\/DataStudio\/业务流程\/f\/通用\/bad\/bad\.schedule\.json: not valid JSON/) as unknown, entry: 'pkg/DataStudio/业务流程/f/通用/bad/bad.schedule.json', objectId: null },
      {
        severity: 'error',
        code: 'malformed-document',
        message: 'pkg/DataStudio/业务流程/f/通用/typed/typed.schedule.json: $.spec.nodes[0].rerunTimes: expected number, got string',
        entry: 'pkg/DataStudio/业务流程/f/通用/typed/typed.schedule.json',
        objectId: null,
      },
    ]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('reports duplicate ids across files and keeps the first', async () => {
    const root = path.join(dir, 'dup');
    await writeTree(root, {
      'SPEC.FORMAT': '',
      'DataStudio/手动任务/a/a.schedule.json': nodeSpec({ id: 'same', name: 'a' }),
      'DataStudio/手动任务/b/b.schedule.json': nodeSpec({ id: 'same', name: 'b' }),
    });
    const model = await readFolder(root);
    expect(model.assets.map((a) => a.name)).toEqual(['a']);
    expect(model.problems.map((p) => p.code)).toEqual(['duplicate-id']);
  });

  it('refuses a folder without SPEC.FORMAT', async () => {
    const root = path.join(dir, 'nomarker');
    await writeTree(root, { 'DataStudio/x/x.schedule.json': nodeSpec({ id: 'x', name: 'x' }) });
    const error = await readFolder(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).toBe('unsupported');
    expect((error as FerryError).message).toBe(`${root}: no SPEC.FORMAT marker, so this is not a DataWorks SPEC package`);
  });
});
