import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../../../scripts/swift-test-server.sh');

declare module 'vitest' {
  export interface ProvidedContext {
    swift: { dir: string; endpoint: string; script: string };
  }
}

/**
 * Starts one throwaway Swift (S3 API on 127.0.0.1) for the storage tests and stops it afterwards. No Swift, no
 * tests: they fail with the reason rather than being skipped (`.ci/run` installs Debian's Swift packages).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stdout: string;
  try {
    ({ stdout } = await run(script, ['start'], { timeout: 120_000 }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `The upload tests need OpenStack Swift on this machine and could not start it: ${(e.stderr ?? '').trim() || e.message}\n` +
        'Install it with: sudo apt-get install swift-proxy swift-object swift-container swift-account (as .ci/run does).',
    );
  }
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(stdout)?.[1] ?? '';
  const dir = value('SWIFT_DIR');
  project.provide('swift', { dir, endpoint: value('SWIFT_ENDPOINT'), script });
  return async () => {
    await run(script, ['stop', dir], { timeout: 60_000 });
  };
}
