import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import type { Asset } from '../../shared/model/asset';
import type { ExportResult } from '../../shared/model/export';
import { createBackend, type Backend } from '../app/create-backend';
import { waitForJob } from '../cli/wait-for-job';
import { inProcessTransport } from '../api/in-process-transport';
import { readPackage } from '../formats/read-package';
import { openZipSource } from '../formats/source/zip-source';
import { openHistoryDatabase } from '../history/history-database';
import { createHistoryRepository } from '../history/history-repository';
import type { JobContext } from '../jobs/job-runner';
import { runExport } from './run-export';

const sampleDev = fileURLToPath(new URL('../../../resources/samples/dev', import.meta.url));

let dir: string;
let backend: Backend;
let client: FerryClient;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-export-'));
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

async function unzipTo(zip: string, target: string): Promise<string[]> {
  const source = await openZipSource(zip);
  try {
    for (const entry of source.list()) {
      const file = path.join(target, ...entry.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await source.readBytes(entry));
    }
    return source.list();
  } finally {
    await source.close();
  }
}

const ids = (assets: Asset[]) => assets.map((a) => a.id).sort();
const byName = (assets: Asset[], name: string) => assets.find((a) => a.name === name && a.kind === 'node')!;

function copySample(): string {
  const copy = path.join(dir, 'ws');
  fs.cpSync(sampleDev, copy, { recursive: true });
  return copy;
}

describe('full export', () => {
  it('packages every object byte for byte: read back, the same ids and content hashes as the folder', async () => {
    const out = path.join(dir, 'full.zip');
    const result = await exportVia({ workspacePath: sampleDev, outPath: out, type: 'full' });
    const [folder, zipped] = await Promise.all([readPackage(sampleDev), readPackage(out)]);
    expect(ids(zipped.assets)).toEqual(ids(folder.assets));

    // A zip adds CRCs to code hashes; unpacked again, every content hash must be the folder's.
    const unpacked = path.join(dir, 'unpacked');
    const entries = await unzipTo(out, unpacked);
    const again = await readPackage(unpacked);
    const hashes = (assets: Asset[]) => new Map(assets.map((a) => [a.id, a.contentHash]));
    expect(hashes(again.assets)).toEqual(hashes(folder.assets));
    expect(entries).toContain('SPEC.FORMAT');
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'ferry-manifest.json'), 'utf8')) as {
      source: { projectIdentifier: string };
      export: { type: string };
      counts: Record<string, number>;
      files: { path: string }[];
    };
    expect(manifest.source.projectIdentifier).toBe('retail_dev');
    expect(manifest.export.type).toBe('full');
    expect(manifest.counts).toMatchObject({ node: 45, table: 17 });
    expect(manifest.files).toHaveLength(entries.length - 1);
    expect(entries).not.toContain('workspace.json');
    expect(entries.filter((e) => e.startsWith('DataQuality/'))).toHaveLength(2);
    for (const entry of entries.filter((e) => e.startsWith('DataStudio/'))) {
      expect(fs.readFileSync(path.join(unpacked, entry))).toEqual(
        fs.readFileSync(path.join(sampleDev, entry)),
      );
    }

    expect(result.counts).toMatchObject({
      objects: folder.assets.length,
      // DataQuality/ is read now: its two rules are objects, so no file is carried unowned.
      otherFiles: 0,
      new: folder.assets.length,
      deleted: 0,
    });
    expect(result.counts.byKind).toMatchObject({
      node: 45,
      workflow: 5,
      resource: 5,
      function: 2,
      table: 17,
      datasource: 4,
      'quality-rule': 2,
    });
    expect(result.basis).toEqual({ kind: 'none' });
    expect(result.size).toBe(fs.statSync(out).size);

    const packages = await client.call('history:packages', {});
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ path: out, sha256: result.sha256, size: result.size });
  });

  it('records the baseline in history, so the next full export finds nothing changed', async () => {
    await exportVia({ workspacePath: sampleDev, outPath: path.join(dir, 'a.zip'), type: 'full' });
    const second = await exportVia({
      workspacePath: sampleDev,
      outPath: path.join(dir, 'b.zip'),
      type: 'full',
    });
    expect(second.basis.kind).toBe('baseline');
    expect(second.counts).toMatchObject({ new: 0, changed: 0, deleted: 0 });

    const history = createHistoryRepository(openHistoryDatabase(path.join(dir, 'home', 'history.db')));
    try {
      const baselines = await history.listExportBaselines(10);
      expect(baselines).toHaveLength(2);
      expect(baselines[0]).toMatchObject({
        projectIdentifier: 'retail_dev',
        exportType: 'full',
        complete: true,
      });
      expect(baselines[0].workspacePath).toBe(fs.realpathSync(sampleDev));
      const latest = await history.findExportBaseline({
        workspacePath: fs.realpathSync(sampleDev),
        projectIdentifier: 'retail_dev',
      });
      expect(latest?.assets).toHaveLength((await readPackage(sampleDev)).assets.length);
      expect(latest?.packageId).toBe(second.packageRecordId);
    } finally {
      await history.close();
    }
  });
});

describe('custom export', () => {
  it('with --with-deps up holds exactly the upstream closure and the resources and data sources it uses', async () => {
    const folder = await readPackage(sampleDev);
    const start = byName(folder.assets, 'dws_customer_rfm');
    // Expected closure computed independently: breadth-first over dependencies[].targetId.
    const byId = new Map(folder.assets.map((a) => [a.id, a]));
    const closure = new Set([start.id]);
    const queue = [start.id];
    while (queue.length > 0) {
      for (const dep of byId.get(queue.pop()!)!.dependencies) {
        if (dep.targetId && !closure.has(dep.targetId)) {
          closure.add(dep.targetId);
          queue.push(dep.targetId);
        }
      }
    }
    const out = path.join(dir, 'rfm.zip');
    const result = await exportVia({
      workspacePath: sampleDev,
      outPath: out,
      type: 'custom',
      select: { ids: [start.id] },
      withDeps: 'up',
    });
    const zipped = await readPackage(out);
    const nodes = zipped.assets.filter((a) => a.kind === 'node').map((a) => a.id);
    expect(nodes.sort()).toEqual([...closure].sort());
    const others = zipped.assets
      .filter((a) => a.kind !== 'node' && a.kind !== 'workflow')
      .map((a) => `${a.kind}:${a.name}`);
    // rfm_utils.py by ##@resource_reference; the MySQL and OSS data sources named in the upstream DI code (the basic-mode
    // workspace's one environment, PRD);
    // the two quality rules on dwd_orders, an upstream node, come along with it.
    expect(others.sort()).toEqual(
      [
        'quality-rule:dwd_orders_amount_fluctuation',
        'quality-rule:dwd_orders_not_empty',
        'resource:rfm_utils.py',
        'datasource:mysql_crm',
        'datasource:mysql_legacy_erp',
        'datasource:mysql_orders',
        'datasource:oss_landing',
      ].sort(),
    );
    expect(
      zipped.assets
        .filter((a) => a.kind === 'workflow')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['retail_dw', 'retail_ingest']);
    expect(result.counts.byKind.node).toBe(closure.size);
  });

  it('refuses an unknown id, naming it, before writing anything', async () => {
    const out = path.join(dir, 'x.zip');
    const { jobId } = await client.call('export:start', {
      workspacePath: sampleDev,
      outPath: out,
      type: 'custom',
      select: { ids: ['no_such_node'] },
    });
    await expect(waitForJob(client, jobId)).rejects.toThrow(/no_such_node/);
    expect(fs.existsSync(out)).toBe(false);
    expect(await client.call('history:packages', {})).toEqual([]);
  });

  it('previews a workflow by name, marking dependencies left outside', async () => {
    const preview = await client.call('export:preview', {
      workspacePath: sampleDev,
      type: 'custom',
      select: { workflows: ['retail_serving'] },
    });
    const nodes = preview.items.filter((i) => i.kind === 'node');
    expect(nodes).toHaveLength(6);
    expect(nodes.every((n) => n.change === 'new' && n.reason === 'selected')).toBe(true);
    expect(preview.notes.join(' ')).toMatch(/left out of the package/);
  });
});

describe('incremental export', () => {
  it('finds exactly the changed, the added and the deleted node', async () => {
    const ws = copySample();
    await exportVia({ workspacePath: ws, outPath: path.join(dir, 'base.zip'), type: 'full' });

    const folder = await readPackage(ws);
    // Same size, other bytes: the reader's content hash of a folder would not see this; the fingerprint must.
    const changed = byName(folder.assets, 'dws_store_sales');
    const codeFile = path.join(ws, ...changed.code!.entry.split('/'));
    const code = fs.readFileSync(codeFile, 'utf8');
    fs.writeFileSync(
      codeFile,
      code.replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x')),
    );
    expect(fs.statSync(codeFile).size).toBe(Buffer.byteLength(code));
    // Added: a copy of a node under a new id and name.
    const template = byName(folder.assets, 'ingest_done');
    const templateDir = path.dirname(path.join(ws, ...template.origin.entry.split('/')));
    const addedDir = path.join(path.dirname(templateDir), 'ingest_audit');
    fs.mkdirSync(addedDir);
    for (const file of fs.readdirSync(templateDir)) {
      const text = fs
        .readFileSync(path.join(templateDir, file), 'utf8')
        .replaceAll(template.id, '1234567890123456789')
        .replaceAll('ingest_done', 'ingest_audit');
      fs.writeFileSync(path.join(addedDir, file.replace('ingest_done', 'ingest_audit')), text);
    }
    // Deleted: a leaf node's folder.
    const removed = byName(folder.assets, 'notify_bi');
    fs.rmSync(path.dirname(path.join(ws, ...removed.origin.entry.split('/'))), { recursive: true });

    const preview = await client.call('export:preview', { workspacePath: ws, type: 'incremental' });
    const objects = preview.items.filter((i) => i.kind !== 'workflow');
    expect(objects.map((i) => `${i.change}:${i.name}`).sort()).toEqual([
      'changed:dws_store_sales',
      'deleted:notify_bi',
      'new:ingest_audit',
    ]);
    // Their workflows come along as containers (a folder is the workflow), unchanged.
    expect(
      preview.items
        .filter((i) => i.kind === 'workflow')
        .map((i) => `${i.reason}:${i.change}:${i.name}`)
        .sort(),
    ).toEqual(['container:unchanged:retail_dw', 'container:unchanged:retail_ingest']);

    const out = path.join(dir, 'incr.zip');
    const result = await exportVia({ workspacePath: ws, outPath: out, type: 'incremental' });
    expect(result.changed.map((r) => r.name)).toEqual(['dws_store_sales']);
    expect(result.added.map((r) => r.name)).toEqual(['ingest_audit']);
    expect(result.deleted.map((r) => r.id)).toEqual([removed.id]);
    const zipped = await readPackage(out);
    expect(
      zipped.assets
        .filter((a) => a.kind === 'node')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['dws_store_sales', 'ingest_audit']);

    // The incremental export is the new baseline: nothing is left to export.
    const after = await client.call('export:preview', { workspacePath: ws, type: 'incremental' });
    expect(after.items).toEqual([]);
  });

  it('without any export recorded: refuses "since the last export", uses file times for a date', async () => {
    const ws = copySample();
    await expect(client.call('export:preview', { workspacePath: ws, type: 'incremental' })).rejects.toThrow(
      /no earlier full or incremental export/,
    );
    const future = await client.call('export:preview', {
      workspacePath: ws,
      type: 'incremental',
      since: '2999-01-01',
    });
    expect(future.basis.kind).toBe('mtime');
    expect(future.items).toEqual([]);
    const past = await client.call('export:preview', {
      workspacePath: ws,
      type: 'incremental',
      since: '2000-01-01T00:00:00Z',
    });
    expect(past.items.filter((i) => i.kind === 'node')).toHaveLength(45);
    expect(past.notes.join(' ')).toMatch(/modification times/);
    await expect(
      client.call('export:preview', { workspacePath: ws, type: 'incremental', since: 'yesterday' }),
    ).rejects.toThrow(/not a date/);
  });
});

describe('output and cancel', () => {
  it('refuses an existing output without overwrite, replaces it with overwrite', async () => {
    const out = path.join(dir, 'exists.zip');
    fs.writeFileSync(out, 'old');
    await expect(
      client.call('export:start', { workspacePath: sampleDev, outPath: out }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    await exportVia({ workspacePath: sampleDev, outPath: out, overwrite: true });
    expect((await readPackage(out)).assets.length).toBe(80);
  });

  it('signs the manifest when given a passphrase', async () => {
    const out = path.join(dir, 'signed.zip');
    const result = await exportVia({
      workspacePath: sampleDev,
      outPath: out,
      type: 'custom',
      select: { ids: ['dwd_orders'] },
      passphrase: 's3cret',
    });
    const entries = await unzipTo(out, path.join(dir, 'signed'));
    expect(entries).toEqual(expect.arrayContaining(['ferry-manifest.json', 'ferry-manifest.sig']));
    expect(result.counts.byKind.node).toBe(1);
  });

  it('refuses a folder that is not a workspace and an output inside the workspace', async () => {
    await expect(
      client.call('export:start', { workspacePath: dir, outPath: path.join(dir, 'o.zip') }),
    ).rejects.toThrow(/not a workspace folder/);
    const ws = copySample();
    await expect(
      client.call('export:start', { workspacePath: ws, outPath: path.join(ws, 'o.zip') }),
    ).rejects.toThrow(/inside the workspace/);
  });

  it('a cancelled export leaves no file and records nothing', async () => {
    const history = createHistoryRepository(openHistoryDatabase(path.join(dir, 'cancel.db')));
    const controller = new AbortController();
    let step = '';
    const ctx: JobContext = {
      jobId: 'test',
      signal: controller.signal,
      step: (text) => {
        step = text;
      },
      progress: (done) => {
        if (step === 'Writing the package' && done >= 5) controller.abort();
      },
    };
    const out = path.join(dir, 'cancelled.zip');
    await expect(
      runExport({ workspacePath: sampleDev, outPath: out, type: 'full' }, ctx, { history }),
    ).rejects.toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
    expect(await history.listPackages(10)).toEqual([]);
    expect(await history.listExportBaselines(10)).toEqual([]);
    await history.close();
  });
});
