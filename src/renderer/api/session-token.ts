/** Where the web session token is kept for the life of this tab, so a reload keeps working. */
export const tokenStorageKey = 'ferry.sessionToken';

/** The parts of `window` the token hand-over touches, passed in so tests can use their own. */
export interface TokenEnvironment {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

function browserEnvironment(): TokenEnvironment {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage can be disabled by policy; the token then lives only in memory for this page.
  }
  return { location: window.location, history: window.history, storage };
}

/**
 * Reads the session token that `npm run web` puts in the URL it prints (`?token=…`), once, at start. The token
 * is moved to sessionStorage and removed from the address bar, so it does not end up in bookmarks, screenshots
 * or the browser history. Without a token in the URL, the one stored earlier in this tab is used.
 */
export function takeSessionToken(env: TokenEnvironment = browserEnvironment()): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage?.setItem(tokenStorageKey, fromUrl);
    } catch {
      // Quota or policy: keep going with the in-memory token.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(tokenStorageKey) ?? null;
  } catch {
    return null;
  }
}
