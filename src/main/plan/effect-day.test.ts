import { describe, expect, it } from 'vitest';
import { effectDay, type EffectDayInput } from './effect-day';
import { parseQuartzCron, runSecondsOnDay } from './quartz-cron';

// Asia/Shanghai is UTC+8 all year: 2024-07-01 23:29 there is 2024-07-01T15:29Z.
const shanghai = (hhmm: string, date = '2024-07-01') => new Date(`${date}T${hhmm}:00+08:00`);
const daily = (input: Partial<EffectDayInput>): EffectDayInput => ({
  cron: '00 00 02 * * ?',
  instanceMode: 'T+1',
  triggerType: 'Scheduler',
  timezone: null,
  deployedAt: shanghai('12:00'),
  ...input,
});

describe('effectDay: T+1', () => {
  it('deployed at 23:29 takes effect the next day, at 23:31 the third day', () => {
    expect(effectDay(daily({ deployedAt: shanghai('23:29') }))).toMatchObject({ day: '2024-07-02', rule: 't+1-before-2330', timezone: 'Asia/Shanghai' });
    expect(effectDay(daily({ deployedAt: shanghai('23:31') }))).toMatchObject({ day: '2024-07-03', rule: 't+1-after-2330' });
  });

  it('23:30 exactly is already past the cut-off; month and year ends roll over', () => {
    expect(effectDay(daily({ deployedAt: shanghai('23:30') })).rule).toBe('t+1-after-2330');
    expect(effectDay(daily({ deployedAt: shanghai('23:45', '2024-12-31') })).day).toBe('2025-01-02');
    expect(effectDay(daily({ deployedAt: shanghai('10:00', '2024-02-29') })).day).toBe('2024-03-01');
  });

  it('a null instance mode means T+1', () => {
    expect(effectDay(daily({ instanceMode: null, deployedAt: shanghai('08:00') })).rule).toBe('t+1-before-2330');
  });
});

describe('effectDay: Immediately', () => {
  const at10 = { cron: '00 00 10 * * ?', instanceMode: 'Immediately' };
  it('a run 10 minutes after deployment runs as scheduled; 9 minutes is too close: third day', () => {
    expect(effectDay(daily({ ...at10, deployedAt: shanghai('09:50') }))).toMatchObject({ day: '2024-07-01', rule: 'immediately-as-scheduled' });
    expect(effectDay(daily({ ...at10, deployedAt: shanghai('09:51') }))).toMatchObject({ day: '2024-07-03', rule: 'immediately-third-day' });
  });

  it('a run that already passed today gives the third day', () => {
    expect(effectDay(daily({ ...at10, deployedAt: shanghai('11:00') })).day).toBe('2024-07-03');
  });

  it('hourly: a run 9 minutes away is skipped and the next hour counts; none left today -> third day', () => {
    const hourly = { cron: '00 05 00-23/1 * * ?', instanceMode: 'Immediately' };
    const close = effectDay(daily({ ...hourly, deployedAt: shanghai('10:56') }));
    expect(close).toMatchObject({ day: '2024-07-01', rule: 'immediately-as-scheduled' });
    expect(close.explanation).toContain('12:05');
    expect(effectDay(daily({ ...hourly, deployedAt: shanghai('10:55') })).explanation).toContain('11:05');
    expect(effectDay(daily({ ...hourly, deployedAt: shanghai('23:56') })).rule).toBe('immediately-third-day');
  });

  it('a weekly node deployed on a day it does not run: third day', () => {
    // 2024-07-01 is a Monday; Quartz 1 = Sunday.
    expect(effectDay(daily({ cron: '00 00 20 ? * 1', instanceMode: 'Immediately', deployedAt: shanghai('08:00') })).rule).toBe('immediately-third-day');
    expect(effectDay(daily({ cron: '00 00 20 ? * MON', instanceMode: 'Immediately', deployedAt: shanghai('08:00') })).rule).toBe('immediately-as-scheduled');
  });
});

describe('effectDay: time zones and unscheduled nodes', () => {
  it('reads the day in schedule.timezone when given', () => {
    const instant = new Date('2024-07-01T16:00:00Z'); // Shanghai 07-02 00:00, UTC 07-01 16:00
    expect(effectDay(daily({ deployedAt: instant })).day).toBe('2024-07-03');
    expect(effectDay(daily({ deployedAt: instant, timezone: 'UTC' }))).toMatchObject({ day: '2024-07-02', timezone: 'UTC' });
  });

  it('falls back to Asia/Shanghai for an unknown zone and says so', () => {
    const result = effectDay(daily({ timezone: 'Mars/Olympus' }));
    expect(result.timezone).toBe('Asia/Shanghai');
    expect(result.explanation).toContain('Mars/Olympus');
  });

  it('manual nodes and nodes without cron are not scheduled', () => {
    expect(effectDay(daily({ triggerType: 'Manual' }))).toMatchObject({ day: null, rule: 'not-scheduled' });
    expect(effectDay(daily({ cron: null }))).toMatchObject({ day: null, rule: 'not-scheduled' });
  });
});

describe('parseQuartzCron', () => {
  it('understands lists, ranges, steps, L and names; refuses the rest', () => {
    const cron = parseQuartzCron('0 0/30 8-9 L * ?')!;
    expect(runSecondsOnDay(cron, 2024, 2, 29)).toEqual([8 * 3600, 8 * 3600 + 1800, 9 * 3600, 9 * 3600 + 1800]);
    expect(runSecondsOnDay(cron, 2024, 2, 28)).toEqual([]);
    expect(parseQuartzCron('0 0 1 * JAN,JUL ?')!.months).toEqual(new Set([1, 7]));
    expect(parseQuartzCron('0 0 1 * *')).toBeNull();
    expect(parseQuartzCron('0 0 1 15W * ?')).toBeNull();
    expect(parseQuartzCron('0 61 1 * * ?')).toBeNull();
  });
});
