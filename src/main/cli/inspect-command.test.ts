import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFerryClient } from '../../shared/api/client';
import { createBackend } from '../app/create-backend';
import { inProcessTransport } from '../api/in-process-transport';
import { cleanupTempSpecs, flowSpec, writeTempSpec } from '../inspect/test-packages.test-support';
import { fixture } from '../test-support/fixtures';
import { tamperedCopy } from '../test-support/tamper-zip';
import { runCli } from './run-cli';
import { waitForJob } from './wait-for-job';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-cli-inspect-'));
});
afterEach(() => {
  cleanupTempSpecs();
  fs.rmSync(dir, { recursive: true, force: true });
});

function stream(isTTY = false) {
  const out = Object.assign(new PassThrough(), { isTTY, text: '' });
  out.on('data', (chunk: Buffer) => (out.text += chunk.toString('utf8')));
  return out;
}

async function cli(...argv: string[]) {
  const stdout = stream();
  const stderr = stream();
  const backend = () => createBackend({ userDataDir: dir, mode: 'web', version: 'test' });
  const code = await runCli(argv, { backend, stdout, stderr, version: 'test' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const secretPassword = 'Hunter2Secret!';
const secretKeyId = 'LTAI5tQ9rXw2ZpLm7VbN3cYd';

function brokenPackage(): string {
  return writeTempSpec(
    flowSpec(
      [
        { id: '1', name: 'start', depends: ['proj_root'] },
        {
          id: '2',
          name: 'load',
          type: 'DIDE_SHELL',
          depends: ['proj.start', 'proj.nowhere'],
          code: `export DB_PASSWORD=${secretPassword}\nak=${secretKeyId}\n`,
        },
        { id: '3', name: 'report', depends: ['proj.load', 'finance.payments'] },
      ],
      {
        datasources: [
          {
            id: 'd1',
            name: 'pg',
            type: 'postgresql',
            config: `{"user":"etl","password":"${secretPassword}"}`,
          },
        ],
      },
    ),
  );
}

describe('ferry inspect / validate', () => {
  it('inspect --json prints format, objects with dependsOn, counts and problems', async () => {
    const { code, stdout, stderr } = await cli(
      'inspect',
      fixture('flowspec', 'manual_workflow.json'),
      '--json',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as {
      format: string;
      objects: {
        id: string;
        kind: string;
        name: string;
        type: string;
        workflow: string | null;
        path: string;
        owner: string;
        dependsOn: string[];
      }[];
      counts: { byKind: Record<string, number>; byNodeType: Record<string, number> };
      problems: unknown[];
    };
    expect(output.format).toBe('flowspec');
    expect(output.counts.byKind).toEqual({ workflow: 1, node: 6 });
    expect(output.counts.byNodeType).toEqual({ ODPS_SQL: 6 });
    expect(output.objects).toHaveLength(7);
    expect(output.objects.find((o) => o.name === '005')).toMatchObject({
      id: '6204757833136829927',
      kind: 'node',
      type: 'ODPS_SQL',
      workflow: 'teest',
      path: 'teest',
      owner: '1107550004253538',
      dependsOn: ['8457942929642707174'],
    });
    expect(output.problems).toEqual([]);
  });

  it('inspect prints a readable summary and every problem; exit 0 even with errors', async () => {
    const { code, stdout, stderr } = await cli('inspect', brokenPackage());
    expect(code).toBe(0);
    expect(stderr).toBe(''); // not a TTY: no progress
    expect(stdout).toMatch(/Format\s+flowspec \(file\)/);
    expect(stdout).toMatch(/Project\s+proj/);
    expect(stdout).toMatch(/Objects\s+5: node 3, datasource 1, workflow 1/);
    expect(stdout).toMatch(/Problems\s+1 error, 3 warnings, 1 info/);
    expect(stdout).toMatch(/error\s+dangling-dependency\s+node load depends on proj.nowhere/);
    expect(stdout).toMatch(/warning\s+external-dependency\s+node report depends on finance.payments/);
    expect(stdout).not.toContain(secretPassword);
    expect(stdout).not.toContain(secretKeyId);
  });

  it('validate exits 1 on errors and 0 on warnings only, in text and JSON', async () => {
    const broken = await cli('validate', brokenPackage(), '--json');
    expect(broken.code).toBe(1);
    const output = JSON.parse(broken.stdout) as {
      valid: boolean;
      problemCounts: { error: number };
      problems: { severity: string; code: string; message: string; objectId: string | null }[];
    };
    expect(output.valid).toBe(false);
    expect(output.problemCounts.error).toBe(1);
    expect(output.problems[0]).toMatchObject({
      severity: 'error',
      code: 'dangling-dependency',
      objectId: '2',
    });
    expect(broken.stdout).not.toContain(secretPassword);

    const text = await cli('validate', brokenPackage());
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/not valid \(1 error, 3 warnings, 1 info\)/);

    const dev = await cli('validate', path.resolve('resources/samples/dev'));
    expect(dev.code).toBe(0);
    expect(dev.stdout).toContain('finance_dev.dwd_payments');
    expect(dev.stdout).toMatch(/: valid \(0 errors, 1 warning, 2 info\)/);
  });

  it('inspect of an exported package fails naming a code file changed after export', async () => {
    const zip = path.join(dir, 'dev.zip');
    expect((await cli('export', path.resolve('resources/samples/dev'), '-o', zip)).code).toBe(0);
    expect((await cli('inspect', zip)).code).toBe(0);
    let code = '';
    const tampered = await tamperedCopy(zip, path.join(dir, 'dev-tampered.zip'), (entries) => {
      code = [...entries.keys()].find((name) => name.endsWith('.sql'))!;
      entries.set(code, Buffer.concat([entries.get(code)!, Buffer.from('\n-- edited')]));
    });
    const result = await cli('inspect', tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${tampered}: ${code} does not match the manifest (size differs`);
  });

  it('bad usage exits 2 and a missing file exits 1, naming it', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('inspect', 'a', 'b')).code).toBe(2);
    const missing = await cli('inspect', path.join(dir, 'nope.zip'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.zip: no such file/);
  });
});

describe('inspect API', () => {
  it('keeps planted secrets out of problems, object code and the source fragment', async () => {
    const backend = createBackend({ userDataDir: dir, mode: 'web', version: 'test' });
    try {
      const client = createFerryClient(inProcessTransport(backend));
      const { jobId } = await client.call('inspect:start', { path: brokenPackage() });
      await waitForJob(client, jobId);
      const problems = await client.call('inspect:problems', { jobId, offset: 0, limit: 100 });
      const secrets = problems.problems.filter((p) => p.code === 'secret-in-code');
      expect(secrets.map((p) => p.objectId)).toEqual(['2', 'datasource:d1']);

      const node = await client.call('inspect:object', { jobId, id: '2' });
      expect(node.redacted).toBe(true);
      expect(node.code).toBe('export DB_PASSWORD=••••\nak=••••\n');
      expect(node.problems.map((p) => p.code)).toEqual(['dangling-dependency', 'secret-in-code']);
      const datasource = await client.call('inspect:object', { jobId, id: 'datasource:d1' });
      expect(datasource.code).toBe('{"user":"etl","password":"••••"}');

      const everything = JSON.stringify([
        problems,
        node,
        datasource,
        await client.call('inspect:objects', { jobId, offset: 0, limit: 100 }),
      ]);
      expect(everything).not.toContain(secretPassword);
      expect(everything).not.toContain(secretKeyId);

      const graph = await client.call('inspect:graph', { jobId, id: '2', depth: 1 });
      expect(graph.nodes.map((n) => n.id).sort()).toEqual(['1', '2', '3', 'external:proj.nowhere']);
      const summary = await client.call('inspect:summary', { jobId });
      expect(summary).toMatchObject({ format: 'flowspec', projectIdentifier: 'proj', objectCount: 5 });
      await expect(client.call('inspect:object', { jobId, id: 'nope' })).rejects.toMatchObject({
        code: 'not-found',
      });
    } finally {
      await backend.close();
    }
  });
});
