import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPackage } from '../formats/read-package';
import { accounts, completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { bundleWorker } from '../test-support/bundle-worker';
import { failureOf } from '../test-support/failure';
import { zipOfFolder } from '../test-support/folder-package';
import { tamperedCopy } from '../test-support/tamper-zip';
import { readWorkspaceConfig } from '../workspace/workspace-config';
import { bodyScanner, DEFAULT_DIFFS, scanSettings, scanSource, withPlanExecutor } from './code-scan';
import { hashPackage } from './plan-hash';
import { SCAN_CHUNK, startScanHelper, type HelperResult, type ScanHelper } from './scan-helper';
import { packRecords, type PackedRecords } from '../formats/zip/packed-records';
import { newSharedQueue } from './shared-queue';

/**
 * The plan's code scan shared with a worker thread, as the built app runs it: the worker is bundled here exactly as
 * scripts/build.mjs bundles it, and scans an exported package of the dev sample (a zip with a manifest).
 */
let dir: string;
let workerScript: string;
let zip: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-scan-worker-'));
  workerScript = await bundleWorker(fileURLToPath(new URL('./code-scan-worker.ts', import.meta.url)), dir);
  zip = path.join(dir, 'dev.zip');
  await zipOfFolder(devDir, zip);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The package opened, its scan settings against prod, and its code files (the queue's items). */
async function opened(file: string) {
  const pkg = await openPackage(file);
  const { profile } = withPlanExecutor(completeProfile(), accounts.carol);
  const settings = scanSettings(pkg.model, profile, await readWorkspaceConfig(prodDir), DEFAULT_DIFFS);
  const files = pkg.model.assets.filter((a) => a.code !== null && a.code.pointer === null);
  return { pkg, settings, files };
}

/** A helper on `file` that is stopped after the test. */
async function withHelper<T>(file: string, use: (helper: ScanHelper) => Promise<T>): Promise<T> {
  const helper = startScanHelper(file, { workerScript, minBytes: 0 });
  if (!helper) throw new Error('no helper started');
  try {
    return await use(helper);
  } finally {
    helper.stop();
  }
}

describe('code scan on a worker thread', () => {
  it('scans every file it is given as this thread would, each checked against the manifest', async () => {
    const { pkg, settings, files } = await opened(zip);
    try {
      expect(files.length).toBeGreaterThan(20);
      const checked: string[] = [];
      const results = await withHelper(zip, (helper) =>
        // Nobody else takes from this queue: the worker scans every file.
        helper.scan(files, settings, newSharedQueue(files.length, SCAN_CHUNK), (entry, size, sha256) => {
          pkg.checkRead(entry, size, sha256);
          checked.push(entry);
        }),
      );
      expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
      expect(checked.sort()).toEqual(files.map((a) => a.code!.entry).sort());
      const scanHere = bodyScanner(settings);
      for (const { index, size, body } of results) {
        const bytes = (await pkg.code.readBytes(files[index].id))!;
        expect({ size, body }).toEqual({ size: bytes.length, body: scanHere(files[index], bytes) });
      }
      // Some bodies change (the dev sample names its own project in SQL): the diffs came across too.
      expect(results.some((r) => r.body.code.after?.diff)).toBe(true);
    } finally {
      await pkg.close();
    }
  });

  it('reads the files where this thread found them in the zip, without reading its directory again', async () => {
    const { pkg, settings, files } = await opened(zip);
    try {
      const scanAll = (locations: PackedRecords | null) =>
        withHelper(zip, (helper) =>
          helper.scan(files, settings, newSharedQueue(files.length, SCAN_CHUNK), pkg.checkRead, locations),
        );
      const located = files.map((a) => pkg.source.locateZipEntry!(a.code!.entry)!);
      const records = located.map((l) => l.record);
      const { fileSize } = located[0];
      const byIndex = (results: HelperResult[]) => [...results].sort((a, b) => a.index - b.index);
      expect(byIndex(await scanAll(packRecords(records, fileSize)))).toEqual(byIndex(await scanAll(null)));

      // Where it was told to look is where it reads: another entry's place fails its local header check.
      const [first, second] = records;
      const misplaced = [{ ...first, localHeaderOffset: second.localHeaderOffset }, ...records.slice(1)];
      const wrong = await failureOf(scanAll(packRecords(misplaced, fileSize)));
      expect([wrong.code, wrong.message]).toEqual([
        'unsafe-archive',
        `${zip}: entry ${JSON.stringify(first.entry.name)} is named ${JSON.stringify(second.entry.name)} in its local header (central directory and local header disagree)`,
      ]);
      // Locations from a zip of another size: the file changed since this thread read its directory.
      const resized = await failureOf(scanAll(packRecords(records, fileSize + 1)));
      expect([resized.code, resized.message]).toEqual([
        'io',
        `${zip}: changed while it was being planned; plan again`,
      ]);
    } finally {
      await pkg.close();
    }
  });

  it('refuses a code file changed after export, naming it, when the worker is the one that read it', async () => {
    let changed = '';
    const tampered = await tamperedCopy(zip, path.join(dir, 'tampered.zip'), (entries) => {
      changed = [...entries.keys()].find((name) => name.endsWith('/dwd_order_payments.sql'))!;
      entries.set(
        changed,
        Buffer.from(entries.get(changed)!.toString('utf8').replace('finance_dev', 'finance_xyz')),
      );
    });
    const { pkg, settings, files } = await opened(tampered);
    try {
      const error = await failureOf(
        withHelper(tampered, (helper) =>
          helper.scan(files, settings, newSharedQueue(files.length, SCAN_CHUNK), pkg.checkRead),
        ),
      );
      expect([error.code, error.message]).toEqual([
        'corrupt-archive',
        `${tampered}: ${changed} does not match the manifest (sha256 differs) — the package was changed after export`,
      ]);
    } finally {
      await pkg.close();
    }
  });

  it('gives the plan the same scan shared with the worker, or when the worker cannot start', async () => {
    const scanWith = async (script: string | null) => {
      const { pkg, settings } = await opened(zip);
      const helper = script === null ? null : startScanHelper(zip, { workerScript: script, minBytes: 0 });
      try {
        const sharing = helper
          ? { helper, checkRead: pkg.checkRead, locate: pkg.source.locateZipEntry, minFiles: 0 }
          : undefined;
        const scanned = await scanSource(pkg.model, pkg.code, settings, { sharing });
        await pkg.verifyRest();
        return scanned;
      } finally {
        helper?.stop();
        await pkg.close();
      }
    };
    const alone = await scanWith(null);
    expect(alone.codes.size).toBeGreaterThan(20);
    expect(await scanWith(workerScript)).toEqual(alone);
    const broken = path.join(dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "require('./no-such-module');");
    expect(await scanWith(broken)).toEqual(alone);
  });

  it('ends its scan when stopped (a cancelled plan): what it did not post is left to the caller', async () => {
    const { pkg, settings, files } = await opened(zip);
    try {
      const helper = startScanHelper(zip, { workerScript, minBytes: 0 })!;
      const scanning = helper.scan(files, settings, newSharedQueue(files.length, 1), pkg.checkRead);
      helper.stop();
      expect((await scanning).length).toBeLessThan(files.length);
    } finally {
      await pkg.close();
    }
  });

  it("takes the package file's sha256 for the plan; a worker that cannot start leaves it to the plan", async () => {
    const expected = createHash('sha256').update(fs.readFileSync(zip)).digest('hex');
    expect(await withHelper(zip, (helper) => helper.packageSha())).toBe(expected);
    const broken = path.join(dir, 'broken-worker.cjs');
    fs.writeFileSync(broken, "require('./no-such-module');");
    const helper = startScanHelper(zip, { workerScript: broken, minBytes: 0 })!;
    try {
      expect(await helper.packageSha()).toBeNull();
    } finally {
      helper.stop();
    }
    const { pkg } = await opened(zip);
    try {
      expect(await hashPackage(pkg.model, null)).toEqual({ method: 'file-sha256', value: expected });
    } finally {
      await pkg.close();
    }
  });

  it('starts no worker for a folder package, a small zip or a file that is not a zip', () => {
    expect(startScanHelper(devDir, { workerScript, minBytes: 0 })).toBeNull();
    expect(startScanHelper(zip, { workerScript })).toBeNull();
    const flowSpec = path.join(dir, 'workflow.json');
    fs.writeFileSync(flowSpec, '{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[]}}');
    expect(startScanHelper(flowSpec, { workerScript, minBytes: 0 })).toBeNull();
  });
});
