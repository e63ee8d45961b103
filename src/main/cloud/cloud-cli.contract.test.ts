import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../app/create-backend';
import { defaultTaskName } from '../cli/cloud-command';
import { runCli } from '../cli/run-cli';
import { completeProfileInput } from '../mapping/mapping-samples.test-support';
import { profileToYaml } from '../mapping/profile-yaml';
import { mappingProfileSchema } from '../../shared/model/mapping-profile';
import {
  startDataWorksContractServer,
  type ContractOutcome,
  type ContractServer,
} from './test-support/dataworks-contract-server';

const keyId = 'LTAI5tCliKeyIdZZ77';
const secret = 'cli-secret-Hh8Jj9Kk0';
const url =
  'https://ferry-pkgs.oss-cn-shanghai.aliyuncs.com/handoff.zip?Expires=1893456000&Signature=sig%2Bvalue';

let dir: string;
let server: ContractServer | null = null;
const file = (name: string) => path.join(dir, name);
const saved: Record<string, string | undefined> = {};
const envNames = [
  'FERRY_DATAWORKS_ACCESS_KEY_ID',
  'FERRY_DATAWORKS_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-cloud-cli-'));
  for (const n of envNames) saved[n] = process.env[n];
  for (const n of envNames) delete process.env[n];
  fs.writeFileSync(file('profile.yaml'), profileToYaml(mappingProfileSchema.parse(completeProfileInput())));
  fs.writeFileSync(file('handoff.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(10_000, 3)]));
});
afterAll(() => {
  for (const n of envNames)
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = null;
  delete process.env.FERRY_DATAWORKS_ACCESS_KEY_ID;
  delete process.env.FERRY_DATAWORKS_ACCESS_KEY_SECRET;
});

function stream(isTTY = false) {
  const out = Object.assign(new PassThrough(), { isTTY, text: '' });
  out.on('data', (chunk: Buffer) => (out.text += chunk.toString('utf8')));
  return out;
}

/** One CLI process; `tty` makes stderr a terminal (human output instead of JSON lines). */
async function cli(...argv: string[]) {
  const tty = argv[0] === 'tty';
  if (tty) argv = argv.slice(1);
  const stdout = stream();
  const stderr = stream(tty);
  const backend = () => createBackend({ userDataDir: file('user-data'), mode: 'web', version: 'test' });
  const code = await runCli(argv, { backend, stdout, stderr, version: 'test' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function serve(outcome: ContractOutcome) {
  server = await startDataWorksContractServer({
    accessKeyId: keyId,
    accessKeySecret: secret,
    outcome,
    importingPolls: 1,
  });
  return [
    '--profile',
    file('profile.yaml'),
    '--project-id',
    '31337',
    '--region',
    'cn-shanghai',
    '--endpoint',
    server.url,
    '--poll-interval',
    '0.01',
  ];
}

function historyBytes(): Buffer {
  const folder = file('user-data');
  return Buffer.concat(
    fs
      .readdirSync(folder)
      .filter((n) => n.startsWith('history.db'))
      .map((n) => fs.readFileSync(path.join(folder, n))),
  );
}

describe('contract: ferry cloud import against the DataWorks contract server', () => {
  it('a local package with env credentials: IMPORT_SUCCESS, exit 0, progress as JSON lines', async () => {
    process.env.FERRY_DATAWORKS_ACCESS_KEY_ID = keyId;
    process.env.FERRY_DATAWORKS_ACCESS_KEY_SECRET = secret;
    const result = await cli(
      'cloud',
      'import',
      file('handoff.zip'),
      ...(await serve('IMPORT_SUCCESS')),
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.type === 'progress' && String(l.step).includes('IMPORTING'))).toBe(true);
    const last = lines.at(-1)!;
    expect(last).toMatchObject({
      type: 'result',
      state: 'IMPORT_SUCCESS',
      name: 'handoff',
      projectId: 31337,
    });
    expect((last.states as { state: string }[]).map((s) => s.state)).toEqual([
      'CREATING',
      'INIT',
      'IMPORTING',
      'IMPORT_SUCCESS',
    ]);
    expect(server!.requests[0]).toMatchObject({ action: 'CreateImportMigration', packageFileBytes: 10_004 });
    expect(server!.requests[0].params).toMatchObject({
      ProjectId: '31337',
      Name: 'handoff',
      PackageType: 'SPEC',
    });
  });

  it('an OSS URL with a credentials file: PARTIAL_SUCCESS, exit 1, the final state printed; listed by ferry cloud list', async () => {
    fs.writeFileSync(file('dw.json'), JSON.stringify({ accessKeyId: keyId, accessKeySecret: secret }), {
      mode: 0o600,
    });
    const result = await cli(
      'tty',
      'cloud',
      'import',
      url,
      ...(await serve('PARTIAL_SUCCESS')),
      '--credentials',
      file('dw.json'),
      '--name',
      'from_oss',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /DataWorks migration \d+ in project 31337: PARTIAL_SUCCESS \(CREATING -> INIT -> IMPORTING -> PARTIAL_SUCCESS\)/,
    );
    expect(result.stdout).toMatch(/DataWorks says: 2 of 12 objects/);
    expect(server!.requests[0].params.PackageFile).toBe(url);
    const list = await cli('cloud', 'list');
    expect(list.stdout).toMatch(
      /from_oss {2}https:\/\/ferry-pkgs\.oss-cn-shanghai\.aliyuncs\.com\/handoff\.zip\n/,
    );
    expect(list.stdout).not.toContain('Signature=');
  });

  it('wrong credentials: the server answers 403, exit 1, a clear message; the secret is nowhere', async () => {
    const wrong = 'wrong-cli-secret-Uu7Ii8';
    process.env.FERRY_DATAWORKS_ACCESS_KEY_ID = keyId;
    process.env.FERRY_DATAWORKS_ACCESS_KEY_SECRET = wrong;
    const result = await cli('tty', 'cloud', 'import', url, ...(await serve('IMPORT_SUCCESS')));
    expect(result.code).toBe(1);
    expect(server!.requests[0].status).toBe(403);
    expect(result.stderr).toMatch(
      /ferry cloud import: DataWorks CreateImportMigration refused \(HTTP 403\) SignatureDoesNotMatch.*Check the access key …ZZ77/,
    );
    expect(result.stdout).toMatch(/: FAILED \(CREATING -> FAILED\)/);
    const everything = `${result.stdout}${result.stderr}${(await cli('cloud', 'list', '--json')).stdout}`;
    for (const s of [wrong, secret, keyId]) expect(everything).not.toContain(s);
    const failed = (
      JSON.parse((await cli('cloud', 'list', '--json')).stdout) as { id: string; state: string }[]
    ).find((r) => r.state === 'FAILED')!;
    const follow = await cli('cloud', 'follow', failed.id);
    expect(follow.code).toBe(1);
    expect(follow.stderr).toMatch(
      /has no DataWorks migration id \(it ended FAILED before DataWorks created one\); start a new import/,
    );
    const bytes = historyBytes();
    for (const s of [wrong, secret, keyId, 'sig%2Bvalue']) expect(bytes.includes(Buffer.from(s))).toBe(false);
  });

  it('usage errors exit 2: a missing project id, a non-numeric one', async () => {
    expect(
      (await cli('cloud', 'import', url, '--profile', file('profile.yaml'), '--region', 'cn-shanghai')).code,
    ).toBe(2);
    const bad = await cli(
      'cloud',
      'import',
      url,
      '--profile',
      file('profile.yaml'),
      '--region',
      'cn-shanghai',
      '--project-id',
      'abc',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--project-id is the DataWorks workspace's numeric id/);
  });

  it('default task names are valid DataWorks names', () => {
    expect(defaultTaskName('/tmp/my handoff-2024.zip')).toBe('my_handoff_2024');
    expect(defaultTaskName(url)).toBe('handoff');
  });
});
