import path from 'node:path';

/** The URL the web server printed (with its session token), and pieces of it. */
export function ferryUrl(): URL {
  const url = process.env.FERRY_E2E_URL;
  if (!url) throw new Error('FERRY_E2E_URL is not set: run the tests through playwright.config.ts');
  return new URL(url);
}

/** The shared sample files; CI clones the project with `../shared` beside it. */
export const fixturesDir = process.env.FERRY_FIXTURES ?? path.resolve(process.cwd(), '../shared/fixtures');
