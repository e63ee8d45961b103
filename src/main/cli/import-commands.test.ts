import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../app/create-backend';
import { accounts, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { parseProfileYaml, profileToYaml } from '../mapping/profile-yaml';
import { runCli } from './run-cli';

let dir: string;
let dev: string;
let prod: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-cli-import-'));
  dev = file('dev');
  prod = file('prod');
  fs.cpSync(devDir, dev, { recursive: true });
  fs.cpSync(prodDir, prod, { recursive: true });
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function stream(isTTY = false) {
  const out = Object.assign(new PassThrough(), { isTTY, text: '' });
  out.on('data', (chunk: Buffer) => (out.text += chunk.toString('utf8')));
  return out;
}

/** One CLI process: a fresh backend over the same user-data folder each time. */
async function cli(...argv: string[]) {
  const stdout = stream();
  const stderr = stream();
  const backend = () => createBackend({ userDataDir: file('user-data'), mode: 'web', version: 'test' });
  const code = await runCli(argv, { backend, stdout, stderr, version: 'test' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function expectFailure(result: { code: number; stderr: string }, code: number, message: RegExp) {
  expect(result.code).toBe(code);
  expect(result.stderr).toMatch(message);
}

describe('ferry profile, plan, import, history and report on copies of the samples', () => {
  it('runs the whole migration from the command line', async () => {
    // 1. Draft a profile.
    const suggest = await cli('profile', 'suggest', dev, '--dest', prod, '-o', file('draft.yaml'));
    expect(suggest).toMatchObject({ code: 0 });
    expect(suggest.stderr).toMatch(/Wrote .*draft\.yaml: \d+ suggestions, \d+ needing a decision \(.*dataSources mysql_legacy_erp/);
    const draftText = fs.readFileSync(file('draft.yaml'), 'utf8');
    const draft = parseProfileYaml(draftText, 'draft.yaml');
    expect(draft).toMatchObject({ sourceProject: 'retail_dev', destinationProject: 'retail_prod' });

    // 2. The draft's plan is blocked: the gate (finance_dev, mysql_legacy_erp, and dave, who is not a member of prod
    // while no executor is named to fall back to) and the dwd_orders conflict.
    const blocked = await cli('plan', dev, '--dest', prod, '--profile', file('draft.yaml'));
    expect(blocked.stderr).toBe('');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/Gate: 3 references neither mapped nor ignored/);
    expect(blocked.stdout).toMatch(/data-source mysql_legacy_erp \[dataSources\]/);
    expect(blocked.stdout).toMatch(/project finance_dev \[projects\]/);
    expect(blocked.stdout).toMatch(/owner 1107550004253821 \[owner\]/);
    expect(blocked.stdout).toMatch(/error name-conflict \(name-conflict\): node dwd_orders/);
    expect(blocked.stdout).toMatch(/Import: blocked/);

    // 3. Complete the profile as a user would in the file, and check it.
    const complete = {
      ...draft,
      projects: [...draft.projects, { source: 'finance_dev', target: 'finance_prod' }],
      dataSources: [...draft.dataSources.filter((d) => d.source !== 'mysql_legacy_erp'), { source: 'mysql_legacy_erp', type: 'mysql', ignore: true }],
      conflictPolicy: 'skip' as const,
      dryRun: { recurrence: 'Skip' as const, nodes: [], rules: [{ nameGlob: 'notify_*' }] },
    };
    fs.writeFileSync(file('complete.yaml'), profileToYaml(complete, { previous: draftText }));
    expect(await cli('profile', 'validate', file('complete.yaml'), '--dest', prod)).toMatchObject({ code: 0 });

    // 4. Plan again: importable; saved.
    // The executor on the command line (not in the profile): dave's objects fall back to carol, in the plan and on import.
    const ready = await cli('plan', dev, '--dest', prod, '--profile', file('complete.yaml'), '--executor', accounts.carol, '-o', file('plan.json'), '--json');
    expect(ready.code).toBe(0);
    const head = JSON.parse(ready.stdout) as { summary: { importable: boolean; gate: number; total: number; dryRun: number }; planPath: string };
    expect(head.summary).toMatchObject({ importable: true, gate: 0, dryRun: 2 });
    expect(head.planPath).toBe(file('plan.json'));

    // 5. Import the saved plan (its profile is found in history by hash).
    const imported = await cli('import', file('plan.json'), '--name', 'dev_to_prod.1', '--remarks', 'first run');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Import task dev_to_prod\.1 \(id 1\): Completed/);

    // 6. History shows the task Completed, with counts.
    const history = await cli('history', '--json');
    expect(history.code).toBe(0);
    const tasks = JSON.parse(history.stdout) as { id: number; name: string; state: string; remarks: string; results: { total: number; failed: number } }[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: 1, name: 'dev_to_prod.1', state: 'completed', remarks: 'first run', results: { total: head.summary.total, failed: 0 } });
    expect((await cli('history')).stdout).toMatch(/^1\tCompleted\t.*\tdev_to_prod\.1\t/);

    // 7. The report as CSV: one row per plan object, plus the header.
    const report = await cli('report', 'dev_to_prod.1', '--format', 'csv', '-o', file('report.csv'));
    expect(report.code).toBe(0);
    const rows = fs.readFileSync(file('report.csv'), 'utf8').split('\r\n').filter((l) => l !== '');
    expect(rows).toHaveLength(head.summary.total + 1);
    expect((await cli('report', '1', '--format', 'html')).stdout).toMatch(/^<!DOCTYPE html>/i);

    // 8. Plan and import in one go: nothing left to change.
    const second = await cli('import', dev, '--dest', prod, '--profile', file('complete.yaml'), '--executor', accounts.carol, '--name', 'second');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/0 create, 0 update, \d+ unchanged, 0 conflict/);
    expect(second.stdout).toMatch(/: 0 imported, \d+ skipped, 0 failed/);

    // 9. Profiles kept in history and exported.
    expect((await cli('profile', 'save', file('complete.yaml'))).code).toBe(0);
    expect((await cli('profile', 'list')).stdout).toContain(`${complete.name}\tretail_dev -> retail_prod`);
    expect((await cli('profile', 'export', complete.name, '-o', file('exported.yaml'))).code).toBe(0);
    expect(parseProfileYaml(fs.readFileSync(file('exported.yaml'), 'utf8'), 'exported.yaml')).toEqual(parseProfileYaml(fs.readFileSync(file('complete.yaml'), 'utf8'), 'complete.yaml'));
  });

  it('runs an unfinished task again with --again', async () => {
    // A destination held by another import (a live pid on this host): the task is created, its run refused.
    const target = file('prod-again');
    fs.cpSync(prodDir, target, { recursive: true });
    const planned = await cli('plan', dev, '--dest', target, '--profile', file('complete.yaml'), '--executor', accounts.carol, '-o', file('plan-again.json'));
    expect(planned.code).toBe(0);
    const lock = path.join(target, '.ferry-import.lock');
    const holder = { pid: process.pid, hostname: os.hostname(), user: 'erin', taskName: 'other', startedAt: new Date().toISOString(), token: 'abcd' };
    fs.writeFileSync(lock, `${JSON.stringify(holder)}\n`);
    const refused = await cli('import', file('plan-again.json'), '--name', 'again_me');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/again_me/);
    fs.rmSync(lock);

    const again = await cli('import', '--again', 'again_me');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Import task again_me \(id \d+\): Completed\n\d+ objects: \d+ imported/);
    const tasks = JSON.parse((await cli('history', '--json')).stdout) as { name: string; state: string; runs: number }[];
    expect(tasks.find((t) => t.name === 'again_me')).toMatchObject({ state: 'completed', runs: 1 });

    expectFailure(await cli('import', '--again', 'again_me'), 1, /completed: nothing to import again/);
    expectFailure(await cli('import', '--again', 'again_me', '--dest', target), 2, /--again takes only a task/);
    expectFailure(await cli('import', '--again', 'nope'), 1, /No import task named nope/);
  });

  it('says what is wrong with bad usage and bad profiles', async () => {
    expectFailure(await cli('plan', dev), 2, /Usage: ferry plan/);
    expectFailure(await cli('import', file('plan.json'), '--name', 'bad name'), 2, /only letters, digits/);
    fs.writeFileSync(file('typo.yaml'), 'schemaVersion: 1\nname: t\nsourceProject: retail_dev\ndestinationProject: retail_prod\nconflictPolicy: skip\nigonre: true\n');
    const typo = await cli('plan', dev, '--dest', prod, '--profile', file('typo.yaml'));
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/typo\.yaml:6 igonre: unknown key/);
    expectFailure(await cli('report', 'nope', '--format', 'csv'), 1, /No import task named nope/);
    expectFailure(await cli('profile', 'export', 'nope', '-o', file('x.yaml')), 1, /No saved profile named nope/);
  });
});
