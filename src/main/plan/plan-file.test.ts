import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { PLAN_FORMAT_VERSION, type Plan } from '../../shared/model/plan';
import { parsePlan, readPlanFile, readPlanHead, serializePlan, writePlanFile } from './plan-file';

/** A small valid plan; tests of createPlan cover real ones. */
export function tinyPlan(): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: '2024-07-01T10:00:00.000Z',
    hashes: { package: { method: 'assets-sha256', value: 'a'.repeat(64) }, profile: 'b'.repeat(64), destination: 'c'.repeat(64) },
    source: { path: '/src', format: 'spec-package', container: 'folder', projectIdentifier: 'retail_dev' },
    destination: { path: '/dst', projectIdentifier: 'retail_prod', workspaceId: '1', mode: 'standard', dataStudio: 'legacy', edition: 'Enterprise' },
    profileName: 'p',
    executor: null,
    waves: [{ index: 0, kind: 'node', level: 0, count: 1 }],
    objects: [
      {
        assetId: '1',
        kind: 'node',
        name: 'n',
        nodeType: 'ODPS_SQL',
        folderPath: 'f',
        action: 'create',
        reason: 'new',
        wave: 0,
        destination: { id: '1', name: 'n', folderPath: 'f', owner: null, resourceGroup: null, dataSource: null, landingState: 'saved', currentState: null },
        dryRun: { recurrence: 'Skip' },
        effect: null,
        beforeHash: null,
        afterHash: 'd'.repeat(64),
        codeChanged: false,
        diff: null,
        mappingsApplied: [],
        conflictWith: null,
      },
    ],
    gate: [],
    findings: [],
    summary: { total: 1, create: 1, update: 0, unchanged: 0, conflict: 0, excluded: 0, dryRun: 1, codeChanged: 0, gate: 0, errors: 0, warnings: 0, importable: true },
  };
}

describe('plan file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-plan-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('round-trips a plan and leaves no temporary file', async () => {
    const file = path.join(dir, 'plan.json');
    await writePlanFile(file, tinyPlan());
    expect(await readPlanFile(file)).toEqual(tinyPlan());
    expect(await fs.readdir(dir)).toEqual(['plan.json']);
  });

  it('writes a plan of many pieces whole and in order', async () => {
    const file = path.join(dir, 'plan.json');
    const one = tinyPlan().objects[0];
    // Written a few hundred objects at a time, each piece made while the one before is written.
    const plan = { ...tinyPlan(), objects: Array.from({ length: 2_000 }, (_, i) => ({ ...one, assetId: String(i), name: `n${i}` })) };
    await writePlanFile(file, plan);
    expect(await fs.readFile(file, 'utf8')).toBe(serializePlan(plan));
    expect((await readPlanFile(file)).objects.map((o) => o.assetId)).toEqual(plan.objects.map((o) => o.assetId));
  });

  it('writes one object per line, and an empty plan as valid JSON', async () => {
    const file = path.join(dir, 'plan.json');
    const plan = tinyPlan();
    plan.objects.push({ ...plan.objects[0], assetId: '2', name: 'm' });
    await writePlanFile(file, plan);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    expect(lines.filter((line) => line.startsWith('    {"assetId":')).map((line) => (JSON.parse(line.replace(/,$/, '')) as { name: string }).name)).toEqual(['n', 'm']);
    expect(serializePlan({ ...tinyPlan(), objects: [] })).toContain('"objects": []');
    expect(JSON.parse(serializePlan({ ...tinyPlan(), objects: [] }))).toEqual({ ...tinyPlan(), objects: [] });
  });

  it('reads the head of a plan Ferry wrote without its objects, and nothing from a file laid out otherwise', async () => {
    const file = path.join(dir, 'plan.json');
    const plan = { ...tinyPlan(), objects: Array.from({ length: 3 }, () => tinyPlan().objects[0]) };
    await writePlanFile(file, plan);
    const { objects: _objects, ...head } = plan;
    expect(await readPlanHead(file)).toEqual(head);

    const minified = path.join(dir, 'minified.json');
    await fs.writeFile(minified, JSON.stringify(plan));
    expect(await readPlanHead(minified)).toBeNull();
    expect((await readPlanFile(minified)).objects).toHaveLength(3); // still a valid plan, read whole
    const headless = path.join(dir, 'headless.json');
    await fs.writeFile(headless, serializePlan(plan).replace('"source"', '"elsewhere"'));
    expect(await readPlanHead(headless)).toBeNull();
  });

  it('reads a version 1 plan, its mappings grouped as this version writes them', () => {
    const v1 = tinyPlan() as unknown as { formatVersion: number; objects: { mappingsApplied: unknown[] }[] };
    v1.formatVersion = 1;
    v1.objects[0].mappingsApplied = [
      { section: 'projects', from: 'retail_dev', to: 'retail_prod', field: 'outputs', via: 'profile' },
      { section: 'resourceGroups', from: 'S_dev', to: 'S_prod', field: 'resourceGroup', via: 'profile' },
      { section: 'projects', from: 'retail_dev', to: 'retail_prod', field: 'code', via: 'profile' },
      { section: 'owner', from: '1', to: '2', field: null, via: 'fallback' },
    ];
    const plan = parsePlan(JSON.stringify(v1));
    expect(plan.formatVersion).toBe(PLAN_FORMAT_VERSION);
    expect(plan.objects[0].mappingsApplied).toEqual([
      { section: 'projects', from: 'retail_dev', to: 'retail_prod', fields: ['outputs', 'code'], via: 'profile' },
      { section: 'resourceGroups', from: 'S_dev', to: 'S_prod', fields: ['resourceGroup'], via: 'profile' },
      { section: 'owner', from: '1', to: '2', fields: [], via: 'fallback' },
    ]);
  });

  it('refuses a newer format, bad JSON and a missing field with a clear message', () => {
    expect(() => parsePlan(JSON.stringify({ ...tinyPlan(), formatVersion: 99 }), 'x.json')).toThrow(/newer Ferry/);
    expect(() => parsePlan('{', 'x.json')).toThrow(FerryError);
    const { summary: _summary, ...rest } = tinyPlan();
    expect(() => parsePlan(JSON.stringify(rest), 'x.json')).toThrow(/x\.json: summary/);
  });

  it('reports a missing file as not-found and refuses to write an invalid plan', async () => {
    await expect(readPlanFile(path.join(dir, 'none.json'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(writePlanFile(path.join(dir, 'p.json'), { ...tinyPlan(), createdAt: 5 } as unknown as Plan)).rejects.toMatchObject({ code: 'bad-request' });
  });
});
