import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/renderer-policy';

// protocol.handle is captured so the real handler can be called with real Request objects.
let handler: ((request: Request) => Promise<Response>) | undefined;
const registered: unknown[] = [];
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, h: (request: Request) => Promise<Response>) => {
      handler = h;
    },
    registerSchemesAsPrivileged: (schemes: unknown[]) => registered.push(...schemes),
  },
}));
const { registerAppSchemePrivileges, serveAppProtocol } = await import('./app-protocol');

let base: string;
let rendererDir: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'ferry-app-protocol-'));
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside');
  serveAppProtocol(rendererDir, () => {});
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler!(new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without bypassCSP', () => {
    registerAppSchemePrivileges();
    expect(registered).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    expect(JSON.stringify(registered)).not.toContain('bypassCSP');
  });

  it('serves index.html and assets with MIME type and CSP', async () => {
    const page = await get('app://ferry/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Ferry</title>');
    const script = await get('app://ferry/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses traversal with 403 and reports missing files as 404', async () => {
    expect((await get('app://ferry/..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://ferry/assets/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://evil/index.html')).status).toBe(403);
    const missing = await get('app://ferry/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://ferry/assets')).status).toBe(404);
  });

  it('allows only GET and HEAD', async () => {
    expect((await get('app://ferry/index.html', 'POST')).status).toBe(405);
    const head = await get('app://ferry/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
