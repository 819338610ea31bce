import { describe, expect, it } from 'vitest';
import {
  type DigestTiming,
  duePeriod,
  nextPeriodStart,
  periodKey,
  periodStart,
} from '#src/features/manage/usecases/digest-periods.js';

const at = (iso: string) => Date.parse(iso);
/** A schedule saved before times and zones existed: 09:00 UTC, weekly on Mondays. */
const daily: DigestTiming = { frequency: 'daily' };
const weekly: DigestTiming = { frequency: 'weekly' };
const berlin = (time: string): DigestTiming => ({ frequency: 'daily', time, timeZone: 'Europe/Berlin' });

describe('digest periods', () => {
  it('should start a daily period at 09:00 UTC, the day before when it is earlier', () => {
    expect(periodStart(daily, at('2030-01-02T09:00:00Z'))).toBe(at('2030-01-02T09:00:00Z'));
    expect(periodStart(daily, at('2030-01-02T23:59:00Z'))).toBe(at('2030-01-02T09:00:00Z'));
    expect(periodStart(daily, at('2030-01-02T08:59:59Z'))).toBe(at('2030-01-01T09:00:00Z'));
  });

  it('should start a weekly period on Monday at 09:00 UTC', () => {
    // 2030-01-07 is a Monday.
    expect(periodStart(weekly, at('2030-01-07T09:00:00Z'))).toBe(at('2030-01-07T09:00:00Z'));
    expect(periodStart(weekly, at('2030-01-13T23:00:00Z'))).toBe(at('2030-01-07T09:00:00Z'));
    expect(periodStart(weekly, at('2030-01-07T08:00:00Z'))).toBe(at('2029-12-31T09:00:00Z'));
    expect(nextPeriodStart(weekly, at('2030-01-09T12:00:00Z'))).toBe(at('2030-01-14T09:00:00Z'));
  });

  it('should name periods by frequency and start date', () => {
    expect(periodKey(daily, at('2030-01-02T09:00:00Z'))).toBe('daily-2030-01-02');
    expect(periodKey(weekly, at('2030-01-07T09:00:00Z'))).toBe('weekly-2030-01-07');
  });

  it('should make the first period that starts after the set-up due, not the one running then', () => {
    const since = at('2030-01-02T15:00:00Z');
    expect(duePeriod(daily, since, at('2030-01-02T20:00:00Z'))).toBeUndefined();
    expect(duePeriod(daily, since, at('2030-01-03T09:00:01Z'))).toEqual({
      key: 'daily-2030-01-03',
      start: at('2030-01-03T09:00:00Z'),
    });
    expect(duePeriod(daily, since, at('2030-01-03T18:00:00Z'))?.key).toBe('daily-2030-01-03');
  });
});

describe('digest periods at a local time in a time zone', () => {
  it('should start at the local time, whatever the offset (Asia/Kolkata is 5:30 ahead)', () => {
    const kolkata: DigestTiming = { frequency: 'daily', time: '08:30', timeZone: 'Asia/Kolkata' };
    expect(periodStart(kolkata, at('2030-01-02T03:00:00Z'))).toBe(at('2030-01-02T03:00:00Z'));
    expect(periodStart(kolkata, at('2030-01-02T02:59:59Z'))).toBe(at('2030-01-01T03:00:00Z'));
    expect(periodKey(kolkata, at('2030-01-02T03:00:00Z'))).toBe('daily-2030-01-02');
  });

  it('should name a period by its local date, also when that is not the UTC date', () => {
    // 00:30 in Tokyo on 3 January is still 2 January in UTC.
    const tokyo: DigestTiming = { frequency: 'daily', time: '00:30', timeZone: 'Asia/Tokyo' };
    const start = periodStart(tokyo, at('2030-01-02T16:00:00Z'));
    expect(start).toBe(at('2030-01-02T15:30:00Z'));
    expect(periodKey(tokyo, start)).toBe('daily-2030-01-03');
  });

  it('should keep the local hour across the spring change: 08:30 in Berlin is 07:30 UTC in summer', () => {
    // Clocks go from 02:00 to 03:00 CET→CEST on Sunday 31 March 2030.
    const timing = berlin('08:30');
    expect(periodStart(timing, at('2030-03-30T12:00:00Z'))).toBe(at('2030-03-30T07:30:00Z'));
    expect(nextPeriodStart(timing, at('2030-03-30T12:00:00Z'))).toBe(at('2030-03-31T06:30:00Z'));
    // That period is 23 hours long.
    expect(nextPeriodStart(timing, at('2030-03-31T06:30:00Z'))).toBe(at('2030-04-01T06:30:00Z'));
    expect(periodStart(timing, at('2030-03-31T06:29:59Z'))).toBe(at('2030-03-30T07:30:00Z'));
  });

  it('should keep the local hour across the autumn change: a 25-hour period', () => {
    // Clocks go from 03:00 back to 02:00 CEST→CET on Sunday 27 October 2030.
    const timing = berlin('08:30');
    expect(periodStart(timing, at('2030-10-26T12:00:00Z'))).toBe(at('2030-10-26T06:30:00Z'));
    expect(nextPeriodStart(timing, at('2030-10-26T12:00:00Z'))).toBe(at('2030-10-27T07:30:00Z'));
    expect(periodStart(timing, at('2030-10-27T07:29:59Z'))).toBe(at('2030-10-26T06:30:00Z'));
  });

  it('should start a time the clocks skip as far after the jump (02:30 → 03:30 CEST)', () => {
    const timing = berlin('02:30');
    expect(nextPeriodStart(timing, at('2030-03-30T12:00:00Z'))).toBe(at('2030-03-31T01:30:00Z'));
    expect(periodKey(timing, at('2030-03-31T01:30:00Z'))).toBe('daily-2030-03-31');
    // Before it, the period of the day before runs on; the day after is back at 02:30 CEST.
    expect(periodStart(timing, at('2030-03-31T01:29:59Z'))).toBe(at('2030-03-30T01:30:00Z'));
    expect(nextPeriodStart(timing, at('2030-03-31T01:30:00Z'))).toBe(at('2030-04-01T00:30:00Z'));
  });

  it('should start a time the clocks show twice at its first showing, once', () => {
    const timing = berlin('02:30');
    // 02:30 CEST (00:30 UTC) comes first; 02:30 CET (01:30 UTC) starts no second period.
    expect(nextPeriodStart(timing, at('2030-10-26T12:00:00Z'))).toBe(at('2030-10-27T00:30:00Z'));
    expect(periodStart(timing, at('2030-10-27T01:30:00Z'))).toBe(at('2030-10-27T00:30:00Z'));
    expect(nextPeriodStart(timing, at('2030-10-27T01:30:00Z'))).toBe(at('2030-10-28T01:30:00Z'));
  });

  it('should put a weekly period on the chosen weekday at the local time, also across a change', () => {
    // Fridays 16:00 in New York; clocks go forward on Sunday 10 March 2030.
    const timing: DigestTiming = {
      frequency: 'weekly',
      weekday: 5,
      time: '16:00',
      timeZone: 'America/New_York',
    };
    expect(periodStart(timing, at('2030-03-06T12:00:00Z'))).toBe(at('2030-03-01T21:00:00Z'));
    expect(nextPeriodStart(timing, at('2030-03-06T12:00:00Z'))).toBe(at('2030-03-08T21:00:00Z'));
    expect(nextPeriodStart(timing, at('2030-03-08T21:00:00Z'))).toBe(at('2030-03-15T20:00:00Z'));
    expect(periodKey(timing, at('2030-03-15T20:00:00Z'))).toBe('weekly-2030-03-15');
    // On that Friday before 16:00 the previous week's period still runs.
    expect(periodStart(timing, at('2030-03-15T19:59:00Z'))).toBe(at('2030-03-08T21:00:00Z'));
  });

  it('should make a digest set for the next minute due in that minute, and not before', () => {
    const timing: DigestTiming = { frequency: 'daily', time: '14:31', timeZone: 'America/St_Johns' };
    const since = at('2030-07-01T17:00:40Z'); // 14:30:40 in St. John's (UTC−2:30 in summer)
    expect(duePeriod(timing, since, at('2030-07-01T17:00:59Z'))).toBeUndefined();
    expect(duePeriod(timing, since, at('2030-07-01T17:01:00Z'))).toEqual({
      key: 'daily-2030-07-01',
      start: at('2030-07-01T17:01:00Z'),
    });
  });
});
