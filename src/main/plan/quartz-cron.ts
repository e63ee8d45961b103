/**
 * Just enough Quartz cron (what DataWorks writes: `sec min hour day-of-month month day-of-week [year]`) to list the
 * run times of one calendar day: numbers, `*`, `?`, lists, ranges, steps, `L` (last day of month) and day names.
 * Anything else makes {@link parseQuartzCron} return null, and callers say so instead of guessing.
 */

export interface QuartzCron {
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  /** Days of month; `lastDay` adds the month's last day. Null when `?` or `*` (no restriction). */
  daysOfMonth: Set<number> | null;
  lastDay: boolean;
  months: Set<number>;
  /** Quartz numbering 1 = Sunday .. 7 = Saturday. Null when `?` or `*`. */
  daysOfWeek: Set<number> | null;
  years: Set<number> | null;
}

const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function value(token: string, names: string[] | null, offset: number): number {
  const index = names ? names.indexOf(token.toUpperCase()) : -1;
  if (index >= 0) return index + offset;
  if (!/^\d+$/.test(token)) return NaN;
  return Number(token);
}

/** Parses one field into its set of values, or null when it is not understood. */
function field(text: string, min: number, max: number, names: string[] | null = null, offset = 0): Set<number> | null {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [value(a, names, offset), value(b, names, offset)];
    } else {
      from = value(range, names, offset);
      to = stepText === undefined ? from : max;
    }
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < min || to > max || from > to) return null;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Parses a 6- or 7-field Quartz expression; null when it uses something this parser does not know. */
export function parseQuartzCron(expression: string): QuartzCron | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6 && parts.length !== 7) return null;
  const [sec, min, hour, dom, month, dow, year] = parts;
  const seconds = field(sec, 0, 59);
  const minutes = field(min, 0, 59);
  const hours = field(hour, 0, 23);
  const months = field(month, 1, 12, monthNames, 1);
  const open = (f: string) => f === '*' || f === '?';
  const lastDay = dom.toUpperCase() === 'L';
  const daysOfMonth = open(dom) ? null : lastDay ? new Set<number>() : field(dom, 1, 31);
  const daysOfWeek = open(dow) ? null : field(dow, 1, 7, dayNames, 1);
  const years = year === undefined || open(year) ? null : field(year, 1970, 2199);
  if (!seconds || !minutes || !hours || !months) return null;
  if (!open(dom) && !lastDay && !daysOfMonth) return null;
  if (!open(dow) && !daysOfWeek) return null;
  if (year !== undefined && !open(year) && !years) return null;
  return { seconds, minutes, hours, daysOfMonth, lastDay, months, daysOfWeek, years };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the cron runs at all on this calendar day (month 1-12). */
export function runsOnDay(cron: QuartzCron, year: number, month: number, day: number): boolean {
  if (cron.years && !cron.years.has(year)) return false;
  if (!cron.months.has(month)) return false;
  if (cron.daysOfMonth || cron.lastDay) {
    const hit = (cron.daysOfMonth?.has(day) ?? false) || (cron.lastDay && day === daysInMonth(year, month));
    if (!hit) return false;
  }
  if (cron.daysOfWeek) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
    if (!cron.daysOfWeek.has(weekday)) return false;
  }
  return true;
}

/** The run times of one day as seconds since local midnight, ascending (empty when it does not run that day). */
export function runSecondsOnDay(cron: QuartzCron, year: number, month: number, day: number): number[] {
  if (!runsOnDay(cron, year, month, day)) return [];
  const out: number[] = [];
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  for (const h of sorted(cron.hours)) for (const m of sorted(cron.minutes)) for (const s of sorted(cron.seconds)) out.push(h * 3600 + m * 60 + s);
  return out;
}
