import { describe, expect, it, vi } from 'vitest';
import { takeSessionToken, tokenStorageKey, type TokenEnvironment } from './session-token';

function env(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaceState = vi.fn();
  const environment: TokenEnvironment = {
    location: { href },
    history: { replaceState, state: null },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { environment, storage, replaceState };
}

describe('takeSessionToken', () => {
  it('takes the token from the URL, keeps it in sessionStorage and removes it from the address bar', () => {
    const { environment, storage, replaceState } = env('http://127.0.0.1:5123/?token=abc&x=1#/history');
    expect(takeSessionToken(environment)).toBe('abc');
    expect(storage.get(tokenStorageKey)).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1#/history');
  });

  it('falls back to the token stored in this tab (after a reload)', () => {
    const { environment, replaceState } = env('http://127.0.0.1:5123/', { [tokenStorageKey]: 'kept' });
    expect(takeSessionToken(environment)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeSessionToken(env('http://127.0.0.1:5123/').environment)).toBeNull();
  });
});
