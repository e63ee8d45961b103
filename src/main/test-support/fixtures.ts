import path from 'node:path';

/** The shared sample files (byte-identical real packages); CI clones the project with `../shared` beside it. */
export const fixturesDir = process.env.FERRY_FIXTURES ?? path.resolve(process.cwd(), '../shared/fixtures');

export function fixture(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}
