/**
 * When digests are due. A period starts at 09:00 UTC every day (daily) or every Monday (weekly); a
 * schedule's first digest is the first period that starts after it was set up. The period key names
 * a period, so "once per period" is one Redis claim per channel and key.
 */

export type DigestFrequency = 'daily' | 'weekly';

export const DIGEST_HOUR_UTC = 9;
const DAY_MS = 86_400_000;

function dayStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), DIGEST_HOUR_UTC);
}

/** The start of the period `now` falls in (the latest boundary at or before `now`). */
export function periodStart(frequency: DigestFrequency, now: number): number {
  let start = dayStart(now);
  if (start > now) start -= DAY_MS;
  if (frequency === 'weekly') {
    const weekday = (new Date(start).getUTCDay() + 6) % 7; // Monday = 0
    start -= weekday * DAY_MS;
  }
  return start;
}

/** The start of the next period after `now`. */
export function nextPeriodStart(frequency: DigestFrequency, now: number): number {
  return periodStart(frequency, now) + (frequency === 'weekly' ? 7 : 1) * DAY_MS;
}

export function periodKey(frequency: DigestFrequency, start: number): string {
  return `${frequency}-${new Date(start).toISOString().slice(0, 10)}`;
}

/** The period due at `now` for a schedule set up at `since`, or undefined when none is due yet. */
export function duePeriod(
  frequency: DigestFrequency,
  since: number,
  now: number,
): { key: string; start: number } | undefined {
  const start = periodStart(frequency, now);
  return start >= since ? { key: periodKey(frequency, start), start } : undefined;
}
