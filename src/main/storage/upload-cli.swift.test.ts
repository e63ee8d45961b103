import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBackend } from '../app/create-backend';
import { runCli } from '../cli/run-cli';
import { createBucket, randomFile, testKey } from './test-support/upload-fixture';

/** `ferry upload`: JSON lines, the 30 MB note, a failure with its resume hint, then --resume finishing the same upload. */
const swift = inject('swift');
let root: string;
const saved = { ...process.env };

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-upload-cli-'));
  process.env.FERRY_OSS_ACCESS_KEY_ID = testKey.accessKeyId;
  process.env.FERRY_OSS_ACCESS_KEY_SECRET = testKey.secretAccessKey;
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(['upload', ...args], {
    backend: () => createBackend({ userDataDir: path.join(root, 'home'), mode: 'web', version: 'test' }),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    version: 'test',
  });
  return { code, stdout, stderr };
}

const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });

describe('ferry upload', () => {
  it('fails with a resume hint, then --resume completes the same upload and prints the link', async () => {
    const pkg = randomFile(root, 'cli.zip', 11 * 1024 * 1024);
    const args = [pkg, '--endpoint', swift.endpoint, '--bucket', 'cli-later', '--path-style', '--part-size', '5'];
    const failed = await cli(args);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/bucket cli-later does not exist \(NoSuchBucket\)/);
    expect(failed.stderr).toMatch(/Resume with: ferry upload .* --resume/);
    const lines = jsonLines(failed.stdout);
    expect(lines[0]).toMatchObject({ type: 'note' });
    expect(String(lines[0].message)).toMatch(/30 MB or less/);
    expect(lines.at(-1)).toMatchObject({ type: 'failed' });

    await createBucket(swift.endpoint, 'cli-later');
    const resumed = await cli([...args, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = jsonLines(resumed.stdout);
    expect(out.some((l) => l.type === 'note' && /Resuming upload/.test(String(l.message)))).toBe(true);
    expect(out.some((l) => l.type === 'progress' && typeof l.bytesDone === 'number')).toBe(true);
    const done = out.at(-1)!;
    expect(done).toMatchObject({ type: 'completed', bucket: 'cli-later', key: 'cli.zip', size: 11 * 1024 * 1024 });
    expect(String(done.etag)).toMatch(/-3$/);
    const body = Buffer.from(await (await fetch(String(done.url))).arrayBuffer());
    expect(body.equals(fs.readFileSync(pkg))).toBe(true);

    const nothing = await cli([...args, '--resume']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/No unfinished upload/);
  });
});
