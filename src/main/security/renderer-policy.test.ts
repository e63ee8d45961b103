import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponseHeaders, CONTENT_SECURITY_POLICY } from './renderer-policy';

const directives = (policy: string) => new Set(policy.split(';').map((d) => d.trim().replace(/\s+/g, ' ')));

describe('CONTENT_SECURITY_POLICY', () => {
  it('matches the <meta> policy of the renderer page, which adds only what a meta tag cannot carry', () => {
    const html = fs.readFileSync(path.resolve('src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete("frame-ancestors 'none'"); // browsers ignore frame-ancestors in <meta>
    expect(directives(meta!)).toEqual(header);
  });

  it('allows no eval, no inline script and no remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|blob:/);
    const scriptSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
  });

  it('is sent with nosniff on every response', () => {
    expect(appResponseHeaders['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(appResponseHeaders['X-Content-Type-Options']).toBe('nosniff');
  });
});
