import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryClient, type FerryClient } from '../../../shared/api/client';
import { createBackend, type Backend } from '../../app/create-backend';
import { inProcessTransport } from '../in-process-transport';

let home: string;
let backend: Backend;
let client: FerryClient;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-samples-'));
  backend = createBackend({ userDataDir: home, mode: 'web', version: 'test' });
  client = createFerryClient(inProcessTransport(backend));
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('samples:list', () => {
  it('hands out working copies in the user-data folder, never the shipped samples', async () => {
    const samples = await client.call('samples:list', {});
    expect(samples.map((s) => [s.id, s.projectIdentifier])).toEqual([
      ['dev', 'retail_dev'],
      ['prod', 'retail_prod'],
    ]);
    for (const sample of samples) {
      expect(sample.path).toBe(path.join(home, 'samples', sample.id));
      expect(fs.existsSync(path.join(sample.path, 'workspace.json'))).toBe(true);
      expect(fs.existsSync(path.join(sample.path, 'SPEC.FORMAT'))).toBe(true);
    }
  });

  it('keeps what the user did to a copy instead of copying over it', async () => {
    const [dev] = await client.call('samples:list', {});
    const marker = path.join(dev.path, 'touched-by-user.txt');
    fs.writeFileSync(marker, 'mine');
    await client.call('samples:list', {});
    expect(fs.readFileSync(marker, 'utf8')).toBe('mine');
  });
});
