import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { packageModelSchema } from '../../shared/model/package-model';
import { fixture } from '../test-support/fixtures';
import { yazlZip } from './zip/yazl-zip.test-support';
import { openCodeReader, readCode, readPackage } from './read-package';

let dir: string;
const specFixture = fixture('spec-package', 'test');
const nodeEntry = 'DataStudio/业务流程/test_flow1/MaxCompute/数据开发/test1/test1.schedule.json';

async function zipOf(files: Record<string, string | Buffer>, name: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(
    file,
    await yazlZip((zip) => {
      for (const [entry, content] of Object.entries(files)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), entry);
    }),
  );
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FerryError);
  expect((error as FerryError).message).not.toContain('\n');
  return error as FerryError;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-read-package-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readPackage picks the reader', () => {
  it('a folder with SPEC.FORMAT is a SPEC package', async () => {
    const model = await readPackage(specFixture);
    expect([model.format, model.container, model.sourcePath]).toEqual(['spec-package', 'folder', specFixture]);
    expect(model.assets.map((a) => a.name)).toEqual(['test_flow1', 'test1']);
    // The model crosses the API: it must satisfy its own schema.
    expect(packageModelSchema.safeParse(model).success).toBe(true);
  });

  it('the same package zipped under one top-level folder reads the same, with entries under the root', async () => {
    const schedule = await fs.readFile(path.join(specFixture, nodeEntry));
    const zip = await zipOf({ 'test/SPEC.FORMAT': '', [`test/${nodeEntry}`]: schedule, [`test/${nodeEntry.replace('.schedule.json', '.sql')}`]: 'select 1;' }, 'test.zip');
    const model = await readPackage(zip);
    expect([model.format, model.container, model.root]).toEqual(['spec-package', 'zip', 'test/']);
    const folder = await readPackage(specFixture);
    expect(model.assets.map((a) => [a.id, a.kind, a.name, a.nodeType, a.folderPath, a.workflowId])).toEqual(folder.assets.map((a) => [a.id, a.kind, a.name, a.nodeType, a.folderPath, a.workflowId]));
    expect(model.assets[1].code).toMatchObject({ entry: `test/${nodeEntry.replace('.schedule.json', '.sql')}`, size: 9 });
    expect(await readCode(model, model.assets[1].id)).toBe('select 1;');
  });

  it('a zip without the marker, or with a different name, is unsupported', async () => {
    const zip = await zipOf({ 'a/b.txt': 'x' }, 'plain.zip');
    const error = await rejection(readPackage(zip));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('no SPEC.FORMAT marker');
    const renamed = await zipOf({ 'SPEC.FORMAT': '', [nodeEntry]: await fs.readFile(path.join(specFixture, nodeEntry)) }, 'package.bin');
    expect((await readPackage(renamed)).format).toBe('spec-package');
  });

  it('.json, .yaml and .yml files are FlowSpec', async () => {
    expect((await readPackage(fixture('flowspec', 'simple.json'))).format).toBe('flowspec');
    expect((await readPackage(fixture('flowspec', 'simple.yaml'))).assets).toHaveLength(3);
    const yml = path.join(dir, 'x.yml');
    await fs.copyFile(fixture('flowspec', 'simple.yaml'), yml);
    expect((await readPackage(yml)).assets.map((a) => a.id)).toEqual(['start', 'datax', 'sql']);
  });

  it('anything else is a clear error', async () => {
    const text = path.join(dir, 'notes.txt');
    await fs.writeFile(text, 'hello');
    const unsupported = await rejection(readPackage(text));
    expect([unsupported.code, unsupported.message]).toEqual(['unsupported', `${text}: not a package Ferry can read (expected a SPEC package zip or folder, or a FlowSpec .json/.yaml/.yml file)`]);
    const missing = path.join(dir, 'missing.zip');
    expect((await rejection(readPackage(missing))).message).toBe(`${missing}: no such file or folder`);
    expect((await rejection(readPackage(dir))).code).toBe('unsupported');
    const broken = path.join(dir, 'broken.json');
    await fs.writeFile(broken, '{"kind": ');
    expect((await rejection(readPackage(broken))).message).toMatch(/^broken\.json: not valid JSON/);
  });

  it('a cancelled read rejects with cancelled', async () => {
    expect((await rejection(readPackage(specFixture, { signal: AbortSignal.abort() }))).code).toBe('cancelled');
  });
});

describe('lazy code loading', () => {
  it('loads inline FlowSpec code by pointer and file code by entry; null without code', async () => {
    const model = await readPackage(fixture('flowspec', 'real', 'manual_workflow_spec.json'));
    const reader = await openCodeReader(model);
    try {
      expect(await reader.read('6123419979096480467')).toBe('print("dddd", "${input1}")');
      expect(await reader.read('5986045913996004866')).toBeNull();
      expect((await reader.readBytes('8540823129056658410'))!.length).toBeGreaterThan(0);
      expect((await rejection(reader.read('nope'))).code).toBe('not-found');
    } finally {
      await reader.close();
    }
    const spec = await readPackage(specFixture);
    expect(await readCode(spec, 'e2f7ce7c-e5ee-49aa-a13f-2958006e257e')).toBe('');
    const ds = await readPackage(fixture('flowspec', 'datasource.json'));
    expect(JSON.parse((await readCode(ds, 'datasource:table1'))!)).toMatchObject({ username: 'root', port: 3306 });
  });
});
