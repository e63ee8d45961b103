import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageManifestSchema, type ManifestInfo } from '../../shared/model/package-manifest';
import { writePackage, type PackageFile } from './package-writer';
import { readPackage } from './read-package';
import { openArchive } from './zip/archive-reader';
import { tamperedCopy } from '../test-support/tamper-zip';
import { failureOf } from '../test-support/failure';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-package-writer-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const outFile = (): string => path.join(dir, `pkg-${++counter}.zip`);

const info: ManifestInfo = {
  ferryVersion: '1.2.3',
  createdAt: '2025-01-02T03:04:05.000Z',
  createdBy: 'alice',
  source: { projectIdentifier: 'retail_dev', displayName: 'Retail dev', region: 'cn-shanghai' },
  export: {
    type: 'incremental',
    since: new Date('2025-01-01T00:00:00Z'),
    selection: null,
    withDependencies: true,
  },
  counts: { workflow: 1, node: 1 },
};

const nodeSpec = JSON.stringify({
  version: '1.1.0',
  kind: 'CycleWorkflow',
  spec: {
    nodes: [{ id: 'n1', name: 'n1', script: { runtime: { engine: 'MaxCompute', command: 'ODPS_SQL' } } }],
  },
});
const files = (top = ''): PackageFile[] => [
  { path: `${top}SPEC.FORMAT`, data: '' },
  { path: `${top}DataStudio/业务流程/wf/MaxCompute/数据开发/n1/n1.schedule.json`, data: nodeSpec },
  { path: `${top}DataStudio/业务流程/wf/MaxCompute/数据开发/n1/n1.sql`, data: Buffer.from('select 1;') },
];
const codeEntry = 'DataStudio/业务流程/wf/MaxCompute/数据开发/n1/n1.sql';
const scheduleEntry = 'DataStudio/业务流程/wf/MaxCompute/数据开发/n1/n1.schedule.json';

/** Rewrites a zip through `change`, which gets and returns the entries as name -> bytes. */
function tamper(file: string, change: (entries: Map<string, Buffer>) => void): Promise<string> {
  return tamperedCopy(file, outFile(), change);
}

describe('writePackage', () => {
  it('writes the files and a manifest with sizes and hashes, and the package reads back verified', async () => {
    const file = outFile();
    const progress: number[] = [];
    const result = await writePackage(
      file,
      { files: files(), manifest: info },
      { onProgress: (n) => progress.push(n) },
    );
    expect(progress.at(-1)).toBe(4);
    expect(result.size).toBe((await fs.stat(file)).size);
    expect(result.sha256).toBe(
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex'),
    );
    expect(result.manifest).toMatchObject({
      format: 'ferry-package-manifest',
      formatVersion: 1,
      ferryVersion: '1.2.3',
      createdBy: 'alice',
      source: info.source,
      export: {
        type: 'incremental',
        since: '2025-01-01T00:00:00.000Z',
        selection: null,
        withDependencies: true,
      },
      counts: { node: 1, workflow: 1 },
      signing: null,
    });
    expect(result.manifest.files).toEqual(
      files().map((f) => ({
        path: f.path,
        size: Buffer.byteLength(f.data),
        sha256: createHash('sha256').update(f.data).digest('hex'),
      })),
    );
    execFileSync('unzip', ['-tq', file]);
    const archive = await openArchive(file);
    expect(archive.entries.map((e) => e.name)).toEqual([
      ...files().map((f) => f.path),
      'ferry-manifest.json',
    ]);
    const stored = packageManifestSchema.parse(JSON.parse(await archive.readText('ferry-manifest.json')));
    await archive.close();
    expect(stored).toEqual(result.manifest);
    const model = await readPackage(file);
    expect(model.assets.map((a) => a.name)).toEqual(['wf', 'n1']);
    expect(model.problems).toEqual([]);
  });

  it('puts the manifest next to SPEC.FORMAT in a single top folder, with root-relative paths', async () => {
    const file = outFile();
    const result = await writePackage(file, { files: files('pkg/'), manifest: info, passphrase: 'p' });
    expect(result.manifest.files.map((f) => f.path)).toEqual(files().map((f) => f.path));
    const archive = await openArchive(file);
    expect(archive.entries.map((e) => e.name).slice(-2)).toEqual([
      'pkg/ferry-manifest.json',
      'pkg/ferry-manifest.sig',
    ]);
    await archive.close();
    expect((await readPackage(file, { passphrase: 'p' })).assets).toHaveLength(2);
  });

  it('refuses reserved names and an empty passphrase, leaving nothing behind', async () => {
    const file = outFile();
    const reserved = await failureOf(
      writePackage(file, {
        files: [...files(), { path: 'ferry-manifest.json', data: '{}' }],
        manifest: info,
      }),
    );
    expect(reserved.message).toBe(
      `${file}: ferry-manifest.json is written by Ferry itself; leave it out of the files`,
    );
    const empty = await failureOf(writePackage(file, { files: files(), manifest: info, passphrase: '' }));
    expect(empty.code).toBe('bad-request');
    expect((await fs.readdir(dir)).filter((name) => name.startsWith(path.basename(file)))).toEqual([]);
  });

  it('leaves no file when aborted mid-write', async () => {
    const file = outFile();
    const controller = new AbortController();
    async function* many(): AsyncGenerator<PackageFile> {
      yield { path: 'SPEC.FORMAT', data: '' };
      for (let i = 0; ; i += 1) {
        if (i === 50) controller.abort();
        yield { path: `DataStudio/x/${i}.txt`, data: 'x'.repeat(10_000) };
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const error = await failureOf(
      writePackage(file, { files: many(), manifest: info }, { signal: controller.signal }),
    );
    expect(error.code).toBe('cancelled');
    expect((await fs.readdir(dir)).filter((name) => name.startsWith(path.basename(file)))).toEqual([]);
  });
});

describe('manifest verification on open', () => {
  let plain: string;
  let signed: string;
  beforeAll(async () => {
    plain = outFile();
    signed = outFile();
    await writePackage(plain, { files: files(), manifest: info });
    await writePackage(signed, { files: files(), manifest: info, passphrase: 'correct horse' });
  });

  it.each([
    [
      'a changed byte',
      (e: Map<string, Buffer>) => void e.set(codeEntry, Buffer.from('select 2;')),
      `does not match the manifest (sha256 differs) — the package was changed after export`,
      codeEntry,
    ],
    [
      // Read (and checked) while the package is read, not in the pass over the files nobody read.
      'a changed byte in a node description',
      (e: Map<string, Buffer>) => void e.set(scheduleEntry, Buffer.from(nodeSpec.replace('"n1"', '"n2"'))),
      `does not match the manifest (sha256 differs) — the package was changed after export`,
      'DataStudio/业务流程/wf/MaxCompute/数据开发/n1/n1.schedule.json',
    ],
    [
      'a changed size',
      (e: Map<string, Buffer>) => void e.set(codeEntry, Buffer.from('select 22;')),
      `does not match the manifest (size differs: 10 bytes, the manifest says 9) — the package was changed after export`,
      codeEntry,
    ],
    [
      'a missing file',
      (e: Map<string, Buffer>) => void e.delete(codeEntry),
      'is listed in the manifest but missing from the package — the package was changed after export',
      codeEntry,
    ],
    [
      'an extra file',
      (e: Map<string, Buffer>) => void e.set('DataStudio/evil.sh', Buffer.from('rm -rf /')),
      'is not in the manifest — the package was changed after export',
      'DataStudio/evil.sh',
    ],
  ])('refuses %s with one line naming the file', async (_what, change, problem, entry) => {
    const file = await tamper(plain, change);
    const error = await failureOf(readPackage(file));
    expect([error.code, error.message]).toEqual(['corrupt-archive', `${file}: ${entry} ${problem}`]);
  });

  it('asks for the passphrase when the package is signed, and accepts the right one', async () => {
    const error = await failureOf(readPackage(signed));
    expect([error.code, error.message, error.details?.reason]).toEqual([
      'bad-request',
      `${signed} is signed: give the passphrase shared with the source (ferry --passphrase-env <VAR>; the app asks for it)`,
      'passphrase-required',
    ]);
    expect((await readPackage(signed, { passphrase: 'correct horse' })).assets).toHaveLength(2);
  });

  it('refuses a wrong passphrase', async () => {
    const error = await failureOf(readPackage(signed, { passphrase: 'wrong horse' }));
    expect([error.code, error.message]).toEqual([
      'unsafe-archive',
      `${signed}: the signature does not match — wrong passphrase, or the package was changed after export`,
    ]);
  });

  it('refuses a signed package whose content changed, even with the right passphrase', async () => {
    const file = await tamper(signed, (e) => void e.set(codeEntry, Buffer.from('select 2;')));
    const error = await failureOf(readPackage(file, { passphrase: 'correct horse' }));
    expect(error.message).toBe(
      `${file}: ${codeEntry} does not match the manifest (sha256 differs) — the package was changed after export`,
    );
  });

  it('refuses a manifest rewritten to match changed content (the signature no longer matches)', async () => {
    const file = await tamper(signed, (e) => {
      e.set(codeEntry, Buffer.from('select 2;'));
      const manifest = JSON.parse(e.get('ferry-manifest.json')!.toString('utf8')) as {
        files: { path: string; sha256: string }[];
      };
      manifest.files.find((f) => f.path === codeEntry)!.sha256 = createHash('sha256')
        .update('select 2;')
        .digest('hex');
      e.set('ferry-manifest.json', Buffer.from(JSON.stringify(manifest)));
    });
    const error = await failureOf(readPackage(file, { passphrase: 'correct horse' }));
    expect(error.message).toBe(
      `${file}: the signature does not match — wrong passphrase, or the package was changed after export`,
    );
  });

  it('refuses a stripped signature: the .sig removed, or the .sig and the signing field both removed', async () => {
    const sigOnly = await tamper(signed, (e) => void e.delete('ferry-manifest.sig'));
    const first = await failureOf(readPackage(sigOnly, { passphrase: 'correct horse' }));
    expect([first.code, first.message]).toEqual([
      'unsafe-archive',
      `${sigOnly}: the manifest says the package is signed but ferry-manifest.sig is missing — the package was changed after export`,
    ]);

    const both = await tamper(signed, (e) => {
      e.delete('ferry-manifest.sig');
      const manifest = JSON.parse(e.get('ferry-manifest.json')!.toString('utf8')) as { signing: unknown };
      manifest.signing = null;
      e.set('ferry-manifest.json', Buffer.from(JSON.stringify(manifest)));
    });
    const second = await failureOf(readPackage(both, { passphrase: 'correct horse' }));
    expect([second.code, second.message]).toEqual([
      'unsafe-archive',
      `${both}: a passphrase was given but the package is not signed — the signature may have been stripped after export`,
    ]);

    const noManifest = await tamper(signed, (e) => {
      e.delete('ferry-manifest.sig');
      e.delete('ferry-manifest.json');
    });
    const third = await failureOf(readPackage(noManifest, { passphrase: 'correct horse' }));
    expect(third.code).toBe('unsafe-archive');
    expect(third.message).toMatch(/a passphrase was given but the package has no Ferry manifest/);
  });

  it('reads packages without a manifest as before', async () => {
    const file = await tamper(plain, (e) => void e.delete('ferry-manifest.json'));
    expect((await readPackage(file)).assets).toHaveLength(2);
  });
});
