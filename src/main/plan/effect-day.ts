import type { EffectDay } from '../../shared/model/plan';
import { parseQuartzCron, runSecondsOnDay } from './quartz-cron';

/**
 * The day a deployed change to a scheduled node takes effect, by the DataWorks rules (product.md, step 5):
 *
 * - T+1 (instances generated the next day, the default): deployed before 23:30 -> the next day; at or after 23:30
 *   -> the third day (the day after tomorrow), because the 23:30 batch that generates tomorrow's instances has run.
 * - Immediately (instances generated on deployment): a run of the deployment day whose time is at least 10 minutes
 *   after deployment runs as scheduled, so the change takes effect that day; when no run of that day is 10 minutes
 *   or more away (all passed, too close, or the node does not run that day), the third day. For an hourly node,
 *   runs closer than 10 minutes are skipped and the first one far enough counts.
 *
 * Everything is read in one explicit IANA zone: the node's `schedule.timezone` when given, else Asia/Shanghai (the
 * DataWorks default). Days are calendar dates in that zone; time-of-day comparisons use its wall clock (no DST edge
 * handling beyond what Intl gives for the deployment instant).
 */

/** The zone DataWorks schedules in when a node names none. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** 23:30 as seconds since midnight: the cut-off of the nightly instance generation. */
const CUTOFF_SECONDS = 23 * 3600 + 30 * 60;
/** An Immediately instance must be at least this far after deployment to run as scheduled. */
const IMMEDIATE_MARGIN_SECONDS = 10 * 60;

export interface EffectDayInput {
  /** Quartz cron as written; null for unscheduled nodes. */
  cron: string | null;
  /** `T+1` (default when null) or `Immediately`. */
  instanceMode: string | null;
  /** `Scheduler` (default when null), `Manual`, ... */
  triggerType: string | null;
  /** IANA zone; null means {@link DEFAULT_TIMEZONE}. */
  timezone: string | null;
  /** When the change is deployed. */
  deployedAt: Date;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  seconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a zone. Throws RangeError for an unknown zone. */
export function localTime(instant: Date, timezone: string): LocalTime {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, seconds: parts.hour * 3600 + parts.minute * 60 + parts.second };
}

/** `yyyy-MM-dd` of a calendar date plus `days`. */
export function addDays(year: number, month: number, day: number, days: number): string {
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function clock(seconds: number): string {
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  return `${hh}:${mm}`;
}

function isValidZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Computes the effect day of a node deployed at `deployedAt`. Pure: same input, same answer. */
export function effectDay(input: EffectDayInput): EffectDay {
  const requested = input.timezone?.trim() || DEFAULT_TIMEZONE;
  const timezone = isValidZone(requested) ? requested : DEFAULT_TIMEZONE;
  const note = timezone === requested ? '' : ` (unknown zone "${requested}", read in ${DEFAULT_TIMEZONE})`;
  const trigger = input.triggerType ?? 'Scheduler';
  if (trigger !== 'Scheduler' || !input.cron)
    return { day: null, rule: 'not-scheduled', timezone, explanation: `not scheduled (${trigger === 'Scheduler' ? 'no cron' : `trigger ${trigger}`}): takes effect when run${note}` };
  const now = localTime(input.deployedAt, timezone);
  const at = clock(now.seconds);
  const immediately = (input.instanceMode ?? 'T+1').toLowerCase() === 'immediately';
  if (!immediately) {
    return now.seconds < CUTOFF_SECONDS
      ? { day: addDays(now.year, now.month, now.day, 1), rule: 't+1-before-2330', timezone, explanation: `T+1, deployed at ${at} (before 23:30): the next day${note}` }
      : { day: addDays(now.year, now.month, now.day, 2), rule: 't+1-after-2330', timezone, explanation: `T+1, deployed at ${at} (23:30 or later): the third day${note}` };
  }
  const cron = parseQuartzCron(input.cron);
  const runs = cron ? runSecondsOnDay(cron, now.year, now.month, now.day) : [];
  const first = runs.find((run) => run >= now.seconds + IMMEDIATE_MARGIN_SECONDS);
  if (first !== undefined)
    return {
      day: addDays(now.year, now.month, now.day, 0),
      rule: 'immediately-as-scheduled',
      timezone,
      explanation: `Immediately, deployed at ${at}: the run at ${clock(first)} is at least 10 minutes later and runs as scheduled${note}`,
    };
  const why = !cron ? `cron "${input.cron}" not understood, so no run is known` : runs.length === 0 ? 'no run that day' : 'no run that day at least 10 minutes after deployment';
  return {
    day: addDays(now.year, now.month, now.day, 2),
    rule: 'immediately-third-day',
    timezone,
    explanation: `Immediately, deployed at ${at}: ${why}, so the third day${note}`,
  };
}
