import path from 'node:path';

/**
 * The renderer's origin. `app://ferry/...` is a privileged standard scheme registered by app-protocol.ts and
 * served only from dist/renderer, so the window never needs file:// (whose extra privileges the fuses switch off)
 * and never loads anything remote.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ferry';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps an `app://ferry/<path>` request to a file inside `rootDir`, or null when the request must be refused:
 * another scheme or host, credentials or a port in the URL, a path that does not decode, NUL bytes,
 * backslashes, drive letters, `..` segments (also when percent-encoded, `..%2f`), or anything that would
 * resolve outside `rootDir`. `pathApi` exists so the Windows rules can be tested on Linux.
 */
export function resolveAppRequestPath(
  requestUrl: string,
  rootDir: string,
  pathApi: PathApi = path,
): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.hostname !== APP_HOST ||
    url.port ||
    url.username ||
    url.password
  )
    return null;

  // The WHATWG parser already folds literal and %2e dot segments, but an encoded slash (%2f) survives it and
  // turns into a separator after decoding; so decode once and then re-check every segment.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /^\/*[a-zA-Z]:/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0) segments.push('index.html');

  const root = pathApi.resolve(rootDir);
  const target = pathApi.resolve(root, ...segments);
  const relative = pathApi.relative(root, target);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) return null;
  return target;
}

