import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openZipSource } from '../formats/source/zip-source';
import { completeProfile, devDir, prodDir } from '../mapping/mapping-samples.test-support';
import { profileToYaml } from '../mapping/profile-yaml';
import { runFerry } from '../test-support/run-cli';

/**
 * A package signed at export is read back by every command that reads packages, with the passphrase from the
 * environment variable `--passphrase-env` names. Each test signs its own copy: the passphrase a command unlocks is
 * kept for the rest of the process (the app's session), by path.
 */

const passphrase = 'correct horse battery staple';
const variable = 'FERRY_TEST_SIGNED_PASSPHRASE';

let dir: string;
let home: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-signed-cli-'));
  home = path.join(dir, 'home');
  process.env[variable] = passphrase;
  process.env.FERRY_TEST_WRONG_PASSPHRASE = 'not the passphrase';
});
afterEach(() => {
  delete process.env[variable];
  delete process.env.FERRY_TEST_WRONG_PASSPHRASE;
  fs.rmSync(dir, { recursive: true, force: true });
});

const ferry = (...argv: string[]) => runFerry(home, argv);

async function signedPackage(): Promise<string> {
  const out = path.join(dir, 'signed.zip');
  const exported = await ferry('export', devDir, '-o', out, '--passphrase-env', variable);
  expect(exported.code).toBe(0);
  return out;
}

/** The signed package unzipped: a signed folder package (manifest and signature beside the SPEC files). */
async function signedFolder(): Promise<string> {
  const folder = path.join(dir, 'signed-folder');
  const source = await openZipSource(await signedPackage());
  try {
    for (const entry of source.list()) {
      const file = path.join(folder, ...entry.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await source.readBytes(entry));
    }
  } finally {
    await source.close();
  }
  return folder;
}

/** Every file under a folder, as one string (to look for the passphrase in what Ferry wrote). */
function allBytes(folder: string): string {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'))
    .join('\n');
}

/** A copy of the prod sample to import into, and a profile file that maps everything the dev sample needs. */
function prodCopyWithProfile(): { dest: string; profile: string } {
  const dest = path.join(dir, 'prod');
  fs.cpSync(prodDir, dest, { recursive: true });
  const profile = path.join(dir, 'profile.yaml');
  fs.writeFileSync(profile, profileToYaml(completeProfile({ conflictPolicy: 'skip' })));
  return { dest, profile };
}

describe('signed packages on the reading side', () => {
  it('inspect without the passphrase says how to give it; with it, reads the package', async () => {
    const pkg = await signedPackage();
    const refused = await ferry('inspect', pkg);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${pkg} is signed: give the passphrase shared with the source`);
    expect(refused.stderr).toContain('--passphrase-env');

    const read = await ferry('inspect', pkg, '--passphrase-env', variable, '--json');
    expect(read).toMatchObject({ code: 0, stderr: '' });
    const output = JSON.parse(read.stdout) as { objects: unknown[]; problems: { code: string }[] };
    expect(output.objects).toHaveLength(80);
  });

  it('refuses a wrong passphrase, an unset variable and a file that cannot be signed, naming what is wrong', async () => {
    const pkg = await signedPackage();
    const wrong = await ferry('validate', pkg, '--passphrase-env', 'FERRY_TEST_WRONG_PASSPHRASE');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the signature does not match — wrong passphrase');
    const single = path.join(dir, 'spec.json');
    fs.writeFileSync(single, '{"version":"1.1.0","kind":"CycleWorkflow","spec":{"workflows":[]}}');
    const notSignable = await ferry('inspect', single, '--passphrase-env', variable);
    expect(notSignable.code).toBe(2);
    expect(notSignable.stderr).toContain(`${single}: a passphrase was given, but only a package zip or folder that Ferry exported can be signed`);
    const unset = await ferry('validate', pkg, '--passphrase-env', 'FERRY_TEST_NO_SUCH_VARIABLE');
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('--passphrase-env: the variable FERRY_TEST_NO_SUCH_VARIABLE is not set or empty');
  });

  it('suggests a profile and plans from a signed package, and never writes the passphrase', async () => {
    const pkg = await signedPackage();
    const profile = path.join(dir, 'profile.yaml');
    const suggested = await ferry('profile', 'suggest', pkg, '--dest', prodDir, '--passphrase-env', variable, '-o', profile);
    expect(suggested.code).toBe(0);
    const planFile = path.join(dir, 'plan.json');
    const planned = await ferry('plan', pkg, '--dest', prodDir, '--profile', profile, '--passphrase-env', variable, '-o', planFile, '--json');
    expect([0, 1]).toContain(planned.code); // 1: the suggested profile leaves decisions open (the gate)
    const head = JSON.parse(planned.stdout) as { summary: { total: number } };
    expect(head.summary.total).toBe(80);
    expect(fs.existsSync(planFile)).toBe(true);
    expect(allBytes(dir)).not.toContain(passphrase);
  });

  it('imports a saved plan of a signed folder package with the passphrase it is given', async () => {
    const folder = await signedFolder();
    const { dest, profile } = prodCopyWithProfile();
    const planFile = path.join(dir, 'plan.json');
    const planned = await ferry('plan', folder, '--dest', dest, '--profile', profile, '--passphrase-env', variable, '-o', planFile);
    expect(planned.code).toBe(0);

    // The passphrase given to `ferry import <plan.json>` is the one checked (this process still holds the right one).
    const wrong = await ferry('import', planFile, '--name', 'signed_wrong', '--passphrase-env', 'FERRY_TEST_WRONG_PASSPHRASE');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('the signature does not match — wrong passphrase');
    const imported = await ferry('import', planFile, '--name', 'signed_folder', '--passphrase-env', variable);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Import task signed_folder \(id \d+\): Completed/);
    expect(allBytes(dir)).not.toContain(passphrase);
  });

  it("runs a signed folder package's task again with the passphrase --again is given", async () => {
    const folder = await signedFolder();
    const { dest, profile } = prodCopyWithProfile();
    // A destination held by another import (a live pid on this host): the task is created, its run refused.
    const lock = path.join(dest, '.ferry-import.lock');
    const holder = { pid: process.pid, hostname: os.hostname(), user: 'erin', taskName: 'other', startedAt: new Date().toISOString(), token: 'abcd' };
    fs.writeFileSync(lock, `${JSON.stringify(holder)}\n`);
    const refused = await ferry('import', folder, '--dest', dest, '--profile', profile, '--name', 'signed_again', '--passphrase-env', variable);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('signed_again');
    fs.rmSync(lock);

    // The passphrase given to --again is the one checked (this process still holds the right one).
    const wrong = await ferry('import', '--again', 'signed_again', '--passphrase-env', 'FERRY_TEST_WRONG_PASSPHRASE');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('the signature does not match — wrong passphrase');
    const again = await ferry('import', '--again', 'signed_again', '--passphrase-env', variable);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/Import task signed_again \(id \d+\): Completed/);
    expect(allBytes(dir)).not.toContain(passphrase);
  });
});
