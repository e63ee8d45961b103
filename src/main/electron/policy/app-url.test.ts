import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, resolveAppRequestPath } from './app-url';
import { mimeTypeFor } from '../../security/renderer-policy';

const root = path.resolve('/opt/ferry/dist/renderer');

describe('resolveAppRequestPath', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppRequestPath(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequestPath('app://ferry/assets/index-abc123.js', root)).toBe(
      path.join(root, 'assets', 'index-abc123.js'),
    );
    expect(resolveAppRequestPath('app://ferry/assets/a%20b.css?v=1#x', root)).toBe(
      path.join(root, 'assets', 'a b.css'),
    );
  });

  it('maps the bare origin to index.html', () => {
    expect(resolveAppRequestPath('app://ferry/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequestPath('app://ferry', root)).toBe(path.join(root, 'index.html'));
  });

  it('never resolves outside the folder for literal dot segments', () => {
    // The URL parser folds these before we see them; what is left must still land inside the root.
    for (const url of [
      'app://ferry/../../etc/passwd',
      'app://ferry/assets/../../../etc/passwd',
      'app://ferry/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const resolved = resolveAppRequestPath(url, root);
      expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('refuses encoded traversal that only appears after decoding', () => {
    expect(resolveAppRequestPath('app://ferry/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/assets/..%2F..%2F..%2Fetc/passwd', root)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/%252e%252e/x', root)).toBe(path.join(root, '%2e%2e', 'x')); // decoded once only
    expect(resolveAppRequestPath('app://ferry/..%5c..%5cwindows%5cwin.ini', root)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/a%00.html', root)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/%E0%A4%A', root)).toBeNull(); // malformed escape
  });

  it('refuses absolute paths smuggled in the URL path', () => {
    expect(resolveAppRequestPath('app://ferry/%2fetc%2fpasswd', root)).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppRequestPath('app://ferry/C:/Windows/win.ini', root)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/c%3a%5cWindows%5cwin.ini', root)).toBeNull();
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Ferry\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppRequestPath('app://ferry/assets/x.js', winRoot, path.win32)).toBe(
      `${winRoot}\\assets\\x.js`,
    );
    expect(resolveAppRequestPath('app://ferry/..%5c..%5cx', winRoot, path.win32)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/D:%2fsecret.txt', winRoot, path.win32)).toBeNull();
    expect(resolveAppRequestPath('app://ferry/%2f%2fserver%2fshare%2fx', winRoot, path.win32)).toBe(
      `${winRoot}\\server\\share\\x`,
    );
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://ferry/index.html',
      'app://evil/index.html',
      'app:///etc/passwd',
      'app://ferry:8080/index.html',
      'app://user:pw@ferry/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequestPath(url, root), url).toBeNull();
    }
  });
});

describe('mimeTypeFor', () => {
  it('knows what the vite build emits', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/assets/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/assets/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
