import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from './ipc-sender';

describe('isTrustedSenderUrl', () => {
  it('accepts pages served from app://ferry/', () => {
    expect(isTrustedSenderUrl('app://ferry/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://ferry/index.html#/plan')).toBe(true);
    expect(isTrustedSenderUrl('app://ferry/')).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'file:///opt/ferry/dist/renderer/index.html',
      'http://localhost:5173/index.html',
      'https://ferry/index.html',
      'app://evil/index.html',
      'app://ferry.evil.test/index.html',
      'app://ferry:1/index.html',
      'app://x@ferry/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<script></script>',
      '',
      'app:ferry',
    ]) {
      expect(isTrustedSenderUrl(url), url).toBe(false);
    }
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl(null)).toBe(false);
  });
});
