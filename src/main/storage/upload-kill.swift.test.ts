import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListPartsCommand } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openHistoryDatabase } from '../history/history-database';
import { createUploadRepository } from '../history/upload-repository';
import { adminClient, createBucket, randomFile, testEnv } from './test-support/upload-fixture';

/**
 * THE KILL TEST: the upload runs in a child process (bundled with esbuild) that is SIGKILLed after a few parts; a
 * second process resumes it from the history database and must send only the parts the server does not have, and the
 * object must then download byte for byte.
 */
const swift = inject('swift');
const MiB = 1024 * 1024;
let root: string;
let childScript: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-upload-kill-'));
  childScript = path.join(root, 'upload-child.cjs');
  await build({
    entryPoints: [path.resolve('src/main/storage/test-support/upload-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: childScript,
    logLevel: 'silent',
  });
  await createBucket(swift.endpoint, 'kill');
}, 60_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface ChildRun {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

function runChild(config: object, killAfterDone: number | null): Promise<ChildRun> {
  const configFile = path.join(root, `child-${Date.now()}.json`);
  fs.writeFileSync(configFile, JSON.stringify(config));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, configFile], {
      env: { ...process.env, ...testEnv, NODE_PATH: path.resolve('node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    let done = 0;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('done ') && killAfterDone !== null && ++done === killAfterDone) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ lines, code, signal, stderr }));
  });
}

const numbers = (lines: string[], kind: string) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.split(' ')[1]));

describe('kill and resume', () => {
  it('resumes a SIGKILLed upload in a new process without re-sending finished parts', async () => {
    const file = randomFile(root, 'killed.zip', 120 * MiB + 4321);
    const dbFile = path.join(root, 'home', 'history.db');
    const config = { dbFile, endpoint: swift.endpoint, bucket: 'kill', file, partSize: 5 * MiB, parallel: 2, resume: null };
    const partCount = 25;

    const first = await runChild(config, 6);
    expect(first.signal, `${first.stderr}\n${first.lines.join(' | ')}`).toBe('SIGKILL');
    // A part whose body reached Swift before the kill may still be landing: let it, so the snapshot below is final.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const uploadId = first.lines.find((l) => l.startsWith('upload '))?.split(' ')[1];
    expect(uploadId).toBeTruthy();
    const recorded = numbers(first.lines, 'done');
    expect(recorded.length).toBeGreaterThanOrEqual(6);
    expect(recorded.length).toBeLessThan(partCount);

    // What history and the server know after the kill.
    const db = openHistoryDatabase(dbFile);
    const repo = createUploadRepository(db);
    const stored = (await repo.get(uploadId!))!;
    expect(stored.state).toBe('uploading'); // the process died mid-way: nobody wrote "paused"
    expect(stored.partCount).toBe(partCount);
    const storedParts = (await repo.parts(uploadId!)).map((p) => p.partNumber);
    db.close();
    const client = adminClient(swift.endpoint);
    const listed = await client.send(new ListPartsCommand({ Bucket: 'kill', Key: 'killed.zip', UploadId: stored.s3UploadId! }));
    const onServer = (listed.Parts ?? []).map((p) => p.PartNumber!);
    expect(onServer).toEqual(expect.arrayContaining(storedParts));

    const second = await runChild({ ...config, resume: uploadId }, null);
    expect(second.code, second.stderr).toBe(0);
    expect(second.lines).toContain('end completed');
    const resent = numbers(second.lines, 'request');
    // Only the parts the server lacked were sent, each once; none that history or the server had.
    expect(new Set(resent).size).toBe(resent.length);
    expect(resent.filter((n) => onServer.includes(n))).toEqual([]);
    expect(resent.length, second.lines.join(' | ')).toBe(partCount - onServer.length);
    console.info(
      `kill/resume: ${partCount} parts; killed after ${recorded.length} recorded (${onServer.length} on the server); resume sent ${resent.length}`,
    );

    // Byte for byte through a pre-signed URL made by the service's own signer.
    const db2 = openHistoryDatabase(dbFile);
    const completed = (await createUploadRepository(db2).get(uploadId!))!;
    db2.close();
    expect(completed.state).toBe('completed');
    expect(completed.etag).toMatch(/-25$/);
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'kill', Key: 'killed.zip' }), { expiresIn: 600 });
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    client.destroy();
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  });
});
