import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rememberSha256, sha256Hex } from './known-sha256';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('sha256 of bytes hashed before', () => {
  it('hashes bytes and text, and gives the remembered hash only for the very buffer remembered', () => {
    const data = Buffer.from('select 1;');
    expect(sha256Hex(data)).toBe(sha(data));
    expect(sha256Hex('select 1;')).toBe(sha(data));
    rememberSha256(data, 'remembered');
    expect(sha256Hex(data)).toBe('remembered');
    expect(sha256Hex(Buffer.from(data))).toBe(sha(data));
    expect(sha256Hex(data.subarray(0))).toBe(sha(data));
  });
});
