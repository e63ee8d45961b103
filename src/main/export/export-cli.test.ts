import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFerry } from '../test-support/run-cli';

const sampleDev = fileURLToPath(new URL('../../../resources/samples/dev', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-export-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const ferry = (...argv: string[]) => runFerry(path.join(dir, 'home'), argv);

describe('ferry export', () => {
  it('exports, prints a summary, and exits 0; --json prints the result', async () => {
    const out = path.join(dir, 'dev.zip');
    const text = await ferry('export', sampleDev, '-o', out);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(
      /full export of retail_dev: 80 objects \(45 nodes, 5 workflows, 5 resources, 2 functions, 4 datasources, 17 tables, 2 quality-rules\)/,
    );
    expect(text.stdout).toMatch(/80 new, 0 changed, 0 unchanged, 0 deleted \(no earlier export\)/);

    const json = await ferry(
      'export',
      sampleDev,
      '-o',
      path.join(dir, 'sel.zip'),
      '--select',
      'dws_customer_rfm',
      '--with-deps',
      'up',
      '--json',
    );
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as {
      type: string;
      counts: { byKind: Record<string, number> };
      basis: { kind: string };
    };
    expect(result.type).toBe('custom');
    expect(result.basis.kind).toBe('baseline');
    expect(result.counts.byKind.resource).toBe(1);
  });

  it('exits 1 with a clear message: not a workspace, output exists, unknown id', async () => {
    const notWorkspace = await ferry('export', dir, '-o', path.join(dir, 'a.zip'));
    expect(notWorkspace.code).toBe(1);
    expect(notWorkspace.stderr).toMatch(/ferry export: .*not a workspace folder/);

    const existing = path.join(dir, 'exists.zip');
    fs.writeFileSync(existing, 'x');
    const exists = await ferry('export', sampleDev, '-o', existing);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toMatch(/already exists.*--force/);
    expect((await ferry('export', sampleDev, '-o', existing, '--force')).code).toBe(0);

    const unknown = await ferry(
      'export',
      sampleDev,
      '-o',
      path.join(dir, 'u.zip'),
      '--select',
      'dwd_orders,nope_node',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"nope_node"/);
    expect(fs.existsSync(path.join(dir, 'u.zip'))).toBe(false);
  });

  it('exits 2 on bad usage', async () => {
    expect((await ferry('export', sampleDev)).code).toBe(2);
    expect(
      (await ferry('export', sampleDev, '-o', path.join(dir, 'a.zip'), '--with-deps', 'sideways')).code,
    ).toBe(2);
    expect((await ferry('export', sampleDev, '-o', path.join(dir, 'a.zip'), '--type', 'partial')).code).toBe(
      2,
    );
    expect((await ferry('export', sampleDev, '-o', path.join(dir, 'a.zip'), '--bogus')).code).toBe(2);
    expect(
      (
        await ferry(
          'export',
          sampleDev,
          '-o',
          path.join(dir, 'a.zip'),
          '--passphrase-env',
          'FERRY_NO_SUCH_VAR_X',
        )
      ).code,
    ).toBe(2);
    expect((await ferry('export', '--help')).code).toBe(0);
  });
});
