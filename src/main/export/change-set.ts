import type { ChangeType } from '../../shared/model/export';
import type { BaselineAsset } from '../../shared/model/export-baseline';

/**
 * Compares current object fingerprints with a baseline: present only now is new, present in both with another
 * fingerprint is changed, present only in the baseline is deleted. Pure; ids are the canonical asset ids.
 */
export function compareWithBaseline(
  current: ReadonlyMap<string, string>,
  baseline: readonly BaselineAsset[],
): { changes: Map<string, ChangeType>; deleted: BaselineAsset[] } {
  const before = new Map(baseline.map((a) => [a.id, a]));
  const changes = new Map<string, ChangeType>();
  for (const [id, hash] of current) {
    const old = before.get(id);
    changes.set(id, old === undefined ? 'new' : old.filesHash === hash ? 'unchanged' : 'changed');
  }
  const deleted = baseline.filter((a) => !current.has(a.id));
  return { changes, deleted };
}

/**
 * Reads the `since` of an incremental export: an ISO date-time, or a date alone (`2026-03-01`), which means local
 * midnight of that day because that is what a person typing a date means. Returns an ISO (UTC) string or null
 * when the text is not a date.
 */
export function parseSince(text: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
