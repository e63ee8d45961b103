import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDestination } from './destination-snapshot';
import { readDestination } from './read-destination';
import { bundleWorker } from '../test-support/bundle-worker';
import { failureOf } from '../test-support/failure';

/**
 * The destination snapshot taken on a worker thread, as the built app does: the worker is bundled here exactly as
 * scripts/build.mjs bundles it, then run against the prod sample.
 */
const prod = fileURLToPath(new URL('../../../resources/samples/prod', import.meta.url));
let dir: string;
let workerScript: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-destination-worker-'));
  workerScript = await bundleWorker(fileURLToPath(new URL('./destination-worker.ts', import.meta.url)), dir);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('destination snapshot on a worker thread', () => {
  it('gives the same objects and plan hashes as on this thread, with progress', async () => {
    const steps = new Set<string>();
    const viaWorker = await readDestination(prod, { workerScript, onProgress: (_d, _t, step) => steps.add(step) });
    const here = await snapshotDestination(prod);
    expect(viaWorker.config).toEqual(here.config);
    expect(viaWorker.objects).toEqual(here.objects);
    expect(viaWorker.planHashes.size).toBe(here.objects.length);
    expect([...viaWorker.planHashes].sort()).toEqual([...here.planHashes].sort());
    expect([...steps]).toEqual(['Reading the destination', 'Hashing the destination']);
  });

  it('brings a reading error back as the same FerryError', async () => {
    const missing = path.join(dir, 'no-such-workspace');
    const viaWorker = await failureOf(readDestination(missing, { workerScript }));
    const here = await failureOf(snapshotDestination(missing));
    expect([viaWorker.code, viaWorker.message]).toEqual([here.code, here.message]);
  });

  it('stops the worker when cancelled', async () => {
    const controller = new AbortController();
    const reading = readDestination(prod, { workerScript, signal: controller.signal });
    controller.abort();
    const error = await failureOf(reading);
    expect([error.code, error.message]).toEqual(['cancelled', `${prod}: reading was cancelled`]);
  });

  it('reads on this thread when the worker cannot start', async () => {
    const broken = path.join(dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "require('./no-such-module');");
    const snapshot = await readDestination(prod, { workerScript: broken });
    expect(snapshot.planHashes.size).toBe(snapshot.objects.length);
  });
});
