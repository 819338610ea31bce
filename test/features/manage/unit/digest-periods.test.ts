import { describe, expect, it } from 'vitest';
import {
  duePeriod,
  nextPeriodStart,
  periodKey,
  periodStart,
} from '#src/features/manage/usecases/digest-periods.js';

const at = (iso: string) => Date.parse(iso);

describe('digest periods', () => {
  it('should start a daily period at 09:00 UTC, the day before when it is earlier', () => {
    expect(periodStart('daily', at('2030-01-02T09:00:00Z'))).toBe(at('2030-01-02T09:00:00Z'));
    expect(periodStart('daily', at('2030-01-02T23:59:00Z'))).toBe(at('2030-01-02T09:00:00Z'));
    expect(periodStart('daily', at('2030-01-02T08:59:59Z'))).toBe(at('2030-01-01T09:00:00Z'));
  });

  it('should start a weekly period on Monday at 09:00 UTC', () => {
    // 2030-01-07 is a Monday.
    expect(periodStart('weekly', at('2030-01-07T09:00:00Z'))).toBe(at('2030-01-07T09:00:00Z'));
    expect(periodStart('weekly', at('2030-01-13T23:00:00Z'))).toBe(at('2030-01-07T09:00:00Z'));
    expect(periodStart('weekly', at('2030-01-07T08:00:00Z'))).toBe(at('2029-12-31T09:00:00Z'));
    expect(nextPeriodStart('weekly', at('2030-01-09T12:00:00Z'))).toBe(at('2030-01-14T09:00:00Z'));
  });

  it('should name periods by frequency and start date', () => {
    expect(periodKey('daily', at('2030-01-02T09:00:00Z'))).toBe('daily-2030-01-02');
    expect(periodKey('weekly', at('2030-01-07T09:00:00Z'))).toBe('weekly-2030-01-07');
  });

  it('should make the first period that starts after the set-up due, not the one running then', () => {
    const since = at('2030-01-02T15:00:00Z');
    expect(duePeriod('daily', since, at('2030-01-02T20:00:00Z'))).toBeUndefined();
    expect(duePeriod('daily', since, at('2030-01-03T09:00:01Z'))).toEqual({
      key: 'daily-2030-01-03',
      start: at('2030-01-03T09:00:00Z'),
    });
    expect(duePeriod('daily', since, at('2030-01-03T18:00:00Z'))?.key).toBe('daily-2030-01-03');
  });
});
