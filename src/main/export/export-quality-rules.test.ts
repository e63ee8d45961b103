import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import type { ExportResult } from '../../shared/model/export';
import { createBackend, type Backend } from '../app/create-backend';
import { waitForJob } from '../cli/wait-for-job';
import { inProcessTransport } from '../api/in-process-transport';
import { readPackage } from '../formats/read-package';

const sampleDev = fileURLToPath(new URL('../../../resources/samples/dev', import.meta.url));
const rules = ['dwd_orders_amount_fluctuation', 'dwd_orders_not_empty'];

let dir: string;
let backend: Backend;
let client: FerryClient;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-export-dq-'));
  backend = createBackend({ userDataDir: path.join(dir, 'home'), mode: 'web', version: 'test' });
  client = createFerryClient(inProcessTransport(backend));
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exportVia(input: Parameters<FerryClient['call']>[1] & object): Promise<ExportResult> {
  const { jobId } = await client.call('export:start', input as never);
  await waitForJob(client, jobId);
  return client.call('export:result', { jobId });
}

describe('quality rules in exports', () => {
  it('are owned objects: selected by id or folder, and taken along with the node that writes their table', async () => {
    const byFolder = await client.call('export:preview', {
      workspacePath: sampleDev,
      type: 'custom',
      select: { folders: ['MaxCompute/dwd_orders'] },
    });
    expect(byFolder.items.map((i) => `${i.kind}:${i.name}:${i.reason}`).sort()).toEqual(
      rules.map((r) => `quality-rule:${r}:selected`),
    );

    const byId = await client.call('export:preview', {
      workspacePath: sampleDev,
      type: 'custom',
      select: { ids: ['quality-rule:1911252373306897229'] },
    });
    expect(byId.items.map((i) => i.name)).toEqual(['dwd_orders_not_empty']);

    // A node exported with its upstream takes the rules on the table it writes; without dependencies it does not.
    const withDeps = await client.call('export:preview', {
      workspacePath: sampleDev,
      type: 'custom',
      select: { ids: ['dwd_orders'] },
      withDeps: 'up',
    });
    expect(
      withDeps.items
        .filter((i) => i.kind === 'quality-rule')
        .map((i) => `${i.name}:${i.reason}`)
        .sort(),
    ).toEqual(rules.map((r) => `${r}:downstream`));
    const alone = await client.call('export:preview', {
      workspacePath: sampleDev,
      type: 'custom',
      select: { ids: ['dwd_orders'] },
    });
    expect(alone.items.filter((i) => i.kind === 'quality-rule')).toEqual([]);

    const out = path.join(dir, 'rules.zip');
    const result = await exportVia({
      workspacePath: sampleDev,
      outPath: out,
      type: 'custom',
      select: { folders: ['MaxCompute/dwd_orders'] },
    });
    expect(result.counts.byKind).toEqual({ 'quality-rule': 2 });
    const zipped = await readPackage(out);
    expect(zipped.assets.map((a) => a.name).sort()).toEqual(rules);
  });

  it('incremental exports see a changed rule', async () => {
    const ws = path.join(dir, 'ws');
    fs.cpSync(sampleDev, ws, { recursive: true });
    await exportVia({ workspacePath: ws, outPath: path.join(dir, 'base.zip'), type: 'full' });
    const file = path.join(ws, 'DataQuality/MaxCompute/dwd_orders/dwd_orders_amount_fluctuation.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('0.3', '0.4'));
    const preview = await client.call('export:preview', { workspacePath: ws, type: 'incremental' });
    expect(preview.items.map((i) => `${i.change}:${i.kind}:${i.name}`)).toEqual([
      'changed:quality-rule:dwd_orders_amount_fluctuation',
    ]);
  });
});
