import { describe, expect, it } from 'vitest';
import { formatBytes, formatEntryCount, shortSha } from './format';

describe('format', () => {
  it('counts entries the way the UI and e2e tests expect', () => {
    expect(formatEntryCount(6)).toBe('6 entries');
    expect(formatEntryCount(1)).toBe('1 entry');
    expect(formatEntryCount(40_000)).toBe('40,000 entries');
  });

  it('shows sizes in human units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(30 * 1024 * 1024)).toBe('30 MB');
  });

  it('shortens a digest', () => {
    expect(shortSha('0123456789abcdef'.repeat(4))).toBe('0123456789ab…');
  });
});
