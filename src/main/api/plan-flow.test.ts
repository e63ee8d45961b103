import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import type { MappingProfile } from '../../shared/model/mapping-profile';
import { createBackend, type Backend } from '../app/create-backend';
import { waitForJob } from '../cli/wait-for-job';
import { tamperedCopy } from '../test-support/tamper-zip';
import { accounts, completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { inProcessTransport } from './in-process-transport';

let dir: string;
let dev: string;
let prod: string;
let backend: Backend;
let client: FerryClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-plan-api-'));
  dev = path.join(dir, 'dev');
  prod = path.join(dir, 'prod');
  fs.cpSync(devDir, dev, { recursive: true });
  fs.cpSync(prodDir, prod, { recursive: true });
  backend = createBackend({ userDataDir: path.join(dir, 'user-data'), mode: 'web', version: 'test' });
  client = createFerryClient(inProcessTransport(backend));
});
afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function plan(profile: MappingProfile): Promise<string> {
  const { jobId } = await client.call('plan:create', { packagePath: dev, destinationPath: prod, profile, executor: accounts.carol });
  const job = await waitForJob(client, jobId);
  expect(job.state).toBe('succeeded');
  return jobId;
}

describe('profile and plan through the API, on copies of the samples', () => {
  it('suggests a profile, round-trips it through YAML, validates it and keeps it in history', async () => {
    const { profile, suggestions } = await client.call('profile:suggest', { packagePath: dev, destinationPath: prod });
    expect(profile).toMatchObject({ sourceProject: 'retail_dev', destinationProject: 'retail_prod' });
    expect(profile.computeResources.map((c) => `${c.source}->${c.target ?? ''}`).sort()).toEqual([
      'retail_dev_emr->retail_prod_emr',
      'retail_dev_holo->retail_prod_holo',
      'retail_dev_mc->retail_prod_mc',
    ]);
    // finance_dev is not suggested (no finance workspace is known) and mysql_legacy_erp needs a decision.
    expect(profile.projects.some((p) => p.source === 'finance_dev')).toBe(false);
    expect(suggestions.find((s) => s.source === 'mysql_legacy_erp')).toMatchObject({ target: null });

    const { text } = await client.call('profile:toYaml', { profile, suggestions });
    expect(text).toContain('computeResources:');
    expect(await client.call('profile:fromYaml', { text, fileName: 'draft.yaml' })).toEqual(profile);
    await expect(
      client.call('profile:fromYaml', { text: 'schemaVersion: 1\nname: x\nsourceProject: a\ndestinationProject: b\nconflictPolicyy: skip\n', fileName: 'bad.yaml' }),
    ).rejects.toThrow(/bad\.yaml:5 conflictPolicyy: unknown key \(did you mean conflictPolicy\?\)/);

    const { findings } = await client.call('profile:validate', { profile, destinationPath: prod });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const wrong = { ...profile, dataSources: [{ source: 'mysql_orders', type: 'mysql', target: 'no_such_source' }] };
    const bad = await client.call('profile:validate', { profile: wrong, destinationPath: prod });
    expect(bad.findings.map((f) => f.code)).toContain('unknown-data-source');

    const record = await client.call('profile:save', { profile });
    expect(record).toMatchObject({ name: profile.name, sourceProject: 'retail_dev' });
    expect((await client.call('profile:list', {})).map((r) => r.name)).toEqual([profile.name]);
    expect((await client.call('profile:get', { name: profile.name })).profile).toEqual(profile);
    expect(await client.call('profile:delete', { name: profile.name })).toEqual({ deleted: true });
    await expect(client.call('profile:get', { name: profile.name })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('previews dry-run marking per rule', async () => {
    const result = await client.call('dryrun:preview', {
      packagePath: dev,
      dryRun: { nodes: ['nope'], rules: [{ nameGlob: 'notify_*' }, { nodeType: 'HOLOGRES_SQL' }] },
    });
    expect(result.perRule.map((r) => r.count)).toEqual([2, 4]);
    expect(result.marked).toHaveLength(6);
    expect(result.unknownIds).toEqual(['nope']);
  });

  it('plans the suggested profile: the gate and the conflict block import', async () => {
    const { profile } = await client.call('profile:suggest', { packagePath: dev, destinationPath: prod });
    const jobId = await plan(profile);
    const head = await client.call('plan:summary', { jobId });
    expect(head.summary.importable).toBe(false);
    expect(head.gate.map((g) => `${g.kind}:${g.source}`)).toEqual(expect.arrayContaining(['data-source:mysql_legacy_erp', 'project:finance_dev']));
    expect(head.summary.conflict).toBe(1);
    const conflicts = await client.call('plan:objects', { jobId, filters: { action: 'conflict' } });
    expect(conflicts.objects.map((o) => o.name)).toEqual(['dwd_orders']);
  });

  it('plans a complete profile: empty gate, the update and the unchanged objects, pages, diffs, save and open', async () => {
    const profile = completeProfile({ conflictPolicy: 'skip', dryRun: { recurrence: 'Skip', nodes: [], rules: [{ nameGlob: 'notify_*' }] } });
    const jobId = await plan(profile);
    const head = await client.call('plan:summary', { jobId });
    expect(head.gate).toEqual([]);
    expect(head.summary).toMatchObject({ importable: true, conflict: 0, update: 1, dryRun: 2 });
    expect(head.destination.projectIdentifier).toBe('retail_prod');

    const all = await client.call('plan:objects', { jobId, offset: 0, limit: 5000 });
    expect(all.total).toBe(head.summary.total);
    const page = await client.call('plan:objects', { jobId, offset: 10, limit: 5 });
    expect(page.objects.map((o) => o.assetId)).toEqual(all.objects.slice(10, 15).map((o) => o.assetId));
    const updates = await client.call('plan:objects', { jobId, filters: { action: 'update' } });
    expect(updates.objects.map((o) => o.name)).toEqual(['di_ods_customers']);
    const search = await client.call('plan:objects', { jobId, filters: { search: 'NOTIFY_', dryRun: true } });
    expect(search.objects.map((o) => o.name).sort()).toEqual(['notify_bi', 'notify_marketing']);

    const payments = (await client.call('plan:objects', { jobId, filters: { search: 'dwd_order_payments', kind: 'node' } })).objects[0];
    expect(payments.hasDiff).toBe(true);
    const diff = await client.call('plan:diff', { jobId, assetId: payments.assetId });
    expect(diff.before).toContain('finance_dev.dwd_payments');
    expect(diff.after).toContain('finance_prod.dwd_payments');
    expect(diff.diff?.text).toContain('+');

    const file = path.join(dir, 'plan.json');
    expect(await client.call('plan:save', { jobId, path: file })).toEqual({ path: file });
    const opened = await client.call('plan:open', { path: file });
    await waitForJob(client, opened.jobId);
    const reopened = await client.call('plan:summary', { jobId: opened.jobId });
    expect(reopened).toMatchObject({ summary: head.summary, hashes: head.hashes, planPath: file, profileKnown: true });
    expect((await client.call('plan:diff', { jobId: opened.jobId, assetId: payments.assetId })).after).toBe(diff.after);
  });

  it('reports a profile mapping to what the destination lacks as an error finding', async () => {
    const jobId = await plan(completeProfile({ conflictPolicy: 'skip', dataSources: [{ source: 'mysql_orders', type: 'mysql', target: 'no_such_source' }, { source: 'oss_landing', type: 'oss', target: 'oss_landing_prd' }, { source: 'mysql_legacy_erp', type: 'mysql', ignore: true }] }));
    const head = await client.call('plan:summary', { jobId });
    expect(head.findings.find((f) => f.code === 'unknown-data-source')).toMatchObject({ severity: 'error', rule: 'mapping' });
    expect(head.summary.importable).toBe(false);
  });

  it('plans an exported package like its folder, and fails naming the file when a code file changed after export', async () => {
    const profile = completeProfile({ conflictPolicy: 'skip' });
    const zip = path.join(dir, 'dev.zip');
    await waitForJob(client, (await client.call('export:start', { workspacePath: dev, outPath: zip, type: 'full' })).jobId);
    const fromFolder = await client.call('plan:summary', { jobId: await plan(profile) });
    const { jobId } = await client.call('plan:create', { packagePath: zip, destinationPath: prod, profile, executor: accounts.carol });
    expect((await waitForJob(client, jobId)).state).toBe('succeeded');
    expect((await client.call('plan:summary', { jobId })).summary).toEqual(fromFolder.summary);

    // The plan reads the code itself (the manifest check of code files happens as it reads them).
    let code = '';
    const tampered = await tamperedCopy(zip, path.join(dir, 'dev-tampered.zip'), (entries) => {
      code = [...entries.keys()].find((name) => name.endsWith('/dwd_order_payments.sql'))!;
      entries.set(code, Buffer.from(entries.get(code)!.toString('utf8').replace('finance_dev', 'finance_xyz')));
    });
    const failed = await client.call('plan:create', { packagePath: tampered, destinationPath: prod, profile, executor: accounts.carol });
    await expect(waitForJob(client, failed.jobId)).rejects.toMatchObject({
      code: 'corrupt-archive',
      message: `${tampered}: ${code} does not match the manifest (sha256 differs) — the package was changed after export`,
    });
  });

  it('refuses a destination that is not a workspace before starting a job', async () => {
    await expect(
      client.call('plan:create', { packagePath: dev, destinationPath: dir, profile: completeProfile() }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
