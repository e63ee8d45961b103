import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDestinationLock, LOCK_FILE_NAME } from './destination-lock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE_NAME);

describe('destination lock', () => {
  it('refuses a second import and names who holds the lock; released after', async () => {
    const first = await acquireDestinationLock(dir, { taskName: 'first_task' });
    const held = JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as Record<string, unknown>;
    expect(held).toMatchObject({ pid: process.pid, hostname: os.hostname(), taskName: 'first_task' });
    expect(typeof held.user).toBe('string');
    expect(typeof held.startedAt).toBe('string');
    await expect(acquireDestinationLock(dir, { taskName: 'second' })).rejects.toThrow(
      new RegExp(`is locked by task "first_task" run by .+ on ${os.hostname()} \\(pid ${process.pid}\\)`),
    );
    await first.release();
    expect(fs.existsSync(lockFile())).toBe(false);
    const again = await acquireDestinationLock(dir, { taskName: 'second' });
    await again.release();
  });

  it('clears a lock left by a crashed process on this host', async () => {
    const dead = 2 ** 22 + 12345; // above the default pid_max
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: dead,
        hostname: os.hostname(),
        user: 'x',
        taskName: 'crashed',
        startedAt: 't',
        token: 'abc',
      }),
    );
    const lock = await acquireDestinationLock(dir, { taskName: 'after_crash' });
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      taskName: 'after_crash',
    });
    expect(fs.existsSync(`${lockFile()}.clearing`)).toBe(false);
    await lock.release();
  });

  it('never clears a lock held on another host', async () => {
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: 1,
        hostname: 'other-laptop',
        user: 'erin',
        taskName: 'remote',
        startedAt: 't',
        token: 'r',
      }),
    );
    await expect(acquireDestinationLock(dir, { taskName: 'mine', isAlive: () => false })).rejects.toThrow(
      /locked by task "remote" run by erin on other-laptop/,
    );
    expect(fs.existsSync(lockFile())).toBe(true);
  });

  it('of many processes racing for a stale lock exactly one wins', async () => {
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: 999999999,
        hostname: os.hostname(),
        user: 'x',
        taskName: 'crashed',
        startedAt: 't',
        token: 'stale',
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquireDestinationLock(dir, { taskName: `racer_${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect(String(r.reason)).toMatch(/locked by task "racer_\d"|keeps changing/);
  });

  it('release does not remove a lock that is no longer ours', async () => {
    const lock = await acquireDestinationLock(dir, { taskName: 'mine' });
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({ pid: process.pid, hostname: os.hostname(), taskName: 'someone', token: 'other' }),
    );
    await lock.release();
    expect(fs.existsSync(lockFile())).toBe(true);
  });
});
