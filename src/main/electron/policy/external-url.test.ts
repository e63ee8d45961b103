import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-url';

const hosts = ['help.aliyun.com'];

describe('isAllowedExternalUrl', () => {
  it('accepts https URLs on an allow-listed host', () => {
    expect(isAllowedExternalUrl('https://help.aliyun.com/zh/dataworks/', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://HELP.aliyun.com/x?y=1#z', hosts)).toBe(true);
  });

  it('refuses other schemes', () => {
    for (const url of [
      'http://help.aliyun.com/',
      'file:///etc/passwd',
      'smb://help.aliyun.com/x',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'app://ferry/index.html',
    ]) {
      expect(isAllowedExternalUrl(url, hosts), url).toBe(false);
    }
  });

  it('refuses look-alike hosts, credentials, ports and non-strings', () => {
    for (const url of [
      'https://help.aliyun.com.evil.test/',
      'https://evil.test/help.aliyun.com',
      'https://evilhelp.aliyun.com/',
      'https://user@help.aliyun.com/',
      'https://help.aliyun.com:8443/',
      'https://help.aliyun.com%2eevil.test/',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url, hosts), url).toBe(false);
    }
    expect(isAllowedExternalUrl(undefined, hosts)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://help.aliyun.com/' }, hosts)).toBe(false);
    expect(isAllowedExternalUrl(`https://help.aliyun.com/${'a'.repeat(3000)}`, hosts)).toBe(false);
  });

  it('uses the built-in list by default', () => {
    expect(isAllowedExternalUrl('https://help.aliyun.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://example.com/')).toBe(false);
  });
});
