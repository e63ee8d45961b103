import { t } from '../i18n';

const integer = new Intl.NumberFormat('en');
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 40000 -> "40,000". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 40000 -> "40,000 entries", 1 -> "1 entry". */
export function formatEntryCount(n: number): string {
  return t.count.entries(n, formatCount(n));
}

/** Bytes in binary steps (1 KB = 1024 B), the way file managers on Windows show them: 1536 -> "1.5 KB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < t.units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(value) : oneDecimal.format(value)} ${t.units[unit]}`;
}

/** An ISO timestamp in the user's local time; the raw text when it does not parse, a dash when absent. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return t.none;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The first 12 hex digits of a digest: enough to tell packages apart at a glance. */
export function shortSha(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}
