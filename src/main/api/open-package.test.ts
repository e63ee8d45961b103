import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../shared/api/client';
import type { Job } from '../../shared/model/job';
import { createBackend, type Backend } from '../app/create-backend';
import { waitForJob } from '../cli/wait-for-job';
import { fixture } from '../test-support/fixtures';
import { inProcessTransport } from './in-process-transport';

let dir: string;
let backend: Backend;
let client: FerryClient;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-open-'));
  backend = createBackend({ userDataDir: dir, mode: 'web', version: 'test' });
  client = createFerryClient(inProcessTransport(backend));
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(filePath: string): Promise<{ jobId: string; updates: Job[]; outcome: Job | Error }> {
  const updates: Job[] = [];
  const { jobId } = await client.call('package:open', { path: filePath });
  const outcome = await waitForJob(client, jobId, (job) => updates.push(job)).catch((error: Error) => error);
  return { jobId, updates, outcome };
}

describe('opening a package through the API', () => {
  it('lists the fixture entries, hashes the file and records it in history', async () => {
    const zip = fixture('azkaban', 'sample_flow_01.zip');
    const { jobId, outcome } = await open(zip);
    expect(outcome).toMatchObject({ state: 'succeeded', progress: { done: 6, total: 6 } });

    const summary = await client.call('package:get', { jobId });
    expect(summary).toMatchObject({ fileName: 'sample_flow_01.zip', size: fs.statSync(zip).size, entryCount: 6 });
    expect(summary.sha256).toBe('83ca3b7df898293b91cdcac2746aad98d81f61705a1c162174f137643412069b');

    const page = await client.call('package:entries', { jobId, offset: 0, limit: 500 });
    expect(page.entries.map((e) => e.name)).toContain('sample_flow_01/shell_bash.job');
    const search = await client.call('package:entries', { jobId, search: 'SHELL_E' });
    expect(search.entries.map((e) => e.name)).toEqual(['sample_flow_01/shell_echo.job', 'sample_flow_01/shell_end.job']);

    const history = await client.call('history:packages', {});
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ path: zip, entryCount: 6, sha256: summary.sha256 });
  });

  it('fails a truncated copy with a message naming the file, and records nothing', async () => {
    const truncated = path.join(dir, 'truncated.zip');
    fs.writeFileSync(truncated, fs.readFileSync(fixture('azkaban', 'sample_flow_01.zip')).subarray(0, 700));
    const { jobId, outcome } = await open(truncated);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toContain('truncated.zip');
    await expect(client.call('package:get', { jobId })).rejects.toThrow(/did not finish/);
    expect(await client.call('history:packages', {})).toEqual([]);
  });

  it('names a missing path and a directory for what they are', async () => {
    const missing = await open(path.join(dir, 'nope.zip'));
    expect((missing.outcome as Error).message).toMatch(/nope\.zip.*no such file/);
    const folder = await open(dir);
    expect((folder.outcome as Error).message).toMatch(/is a directory/);
    expect(await client.call('history:packages', {})).toEqual([]);
  });

  it('refuses an empty path before starting any job', async () => {
    await expect(client.call('package:open', { path: '' })).rejects.toMatchObject({ code: 'bad-request' });
    expect(await client.call('job:list', {})).toEqual([]);
  });
});
