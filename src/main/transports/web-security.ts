import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Host and Origin must name this very server on loopback. Checking Host defeats DNS rebinding (a hostile page
 * whose name resolves to 127.0.0.1); checking Origin defeats cross-site requests from other local pages.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true; // same-origin GETs and non-browser clients send none
  return originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

/** Compares tokens in constant time so the token cannot be guessed byte by byte from response timing. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from the header, or from `?token=` where the client cannot set headers (EventSource). */
export function requestToken(req: IncomingMessage, url: URL, header: string, allowQuery: boolean): string | null {
  const fromHeader = req.headers[header];
  if (typeof fromHeader === 'string') return fromHeader;
  return allowQuery ? url.searchParams.get('token') : null;
}
