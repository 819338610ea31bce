/**
 * When digests are due. A period starts at a time of day on the wall clock of an IANA time zone
 * (09:00 UTC unless the channel chose another), every day (daily) or on one weekday (weekly, Monday
 * unless chosen). The digest keeps its local hour across daylight-saving changes, so such a day's
 * period is 23 or 25 hours long. A time the clocks skip that day (02:30 when they jump from 02:00 to
 * 03:00) starts the period as far after the jump (03:30); a time they show twice (when they fall back)
 * starts it at the first. A schedule's first digest is the first period that starts after it was set
 * up. The period key names a period by its local date, so "once per period" is one Redis claim per
 * channel and key.
 */

export type DigestFrequency = 'daily' | 'weekly';

/** When a channel's digest goes out; absent fields take the defaults below. */
export interface DigestTiming {
  readonly frequency: DigestFrequency;
  /** ISO weekday of a weekly digest: 1 = Monday … 7 = Sunday. */
  readonly weekday?: number | undefined;
  /** Local time of day, `HH:MM` (24-hour). */
  readonly time?: string | undefined;
  /** IANA time zone that `Intl` knows (see `knownTimeZone`). */
  readonly timeZone?: string | undefined;
}

export const DEFAULT_DIGEST_TIME = '09:00';
export const DEFAULT_DIGEST_ZONE = 'UTC';
export const DEFAULT_DIGEST_WEEKDAY = 1;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** `HH:MM` (or `H:MM`), 00:00 to 23:59, as minutes after midnight; undefined when it is not one. */
export function minutesOfDay(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/**
 * The zone's name to keep when `Intl` knows it, else undefined. Written as given (ICU would turn
 * `Asia/Kolkata` into its old name `Asia/Calcutta`), in `Intl`'s case where only the case differs
 * (`europe/berlin` → `Europe/Berlin`).
 */
export function knownTimeZone(name: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The wall clock of instant `ms` in `timeZone`, written as if it were a UTC instant (so calendar
 * arithmetic on it never meets a daylight-saving change). Whole seconds.
 */
function wallClock(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/** How far the zone's clock is ahead of UTC at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  return wallClock(ms, timeZone) - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant the zone's clock shows `wall` (written as a UTC instant). Offsets a day either side
 * cover any change near it: a time shown twice takes the earlier instant, a skipped time the offset
 * from before the change (which lands as far after the jump).
 */
function instantOf(wall: number, timeZone: string): number {
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const shown = [before, after].filter((t) => wallClock(t, timeZone) === wall);
  return shown.length > 0 ? Math.min(...shown) : before;
}

interface Resolved {
  readonly stepDays: number;
  readonly weekday: number | undefined;
  readonly minutes: number;
  readonly timeZone: string;
}

function resolve(timing: DigestTiming): Resolved {
  return {
    stepDays: timing.frequency === 'weekly' ? 7 : 1,
    weekday: timing.frequency === 'weekly' ? (timing.weekday ?? DEFAULT_DIGEST_WEEKDAY) : undefined,
    minutes: minutesOfDay(timing.time ?? DEFAULT_DIGEST_TIME) ?? 0,
    timeZone: timing.timeZone ?? DEFAULT_DIGEST_ZONE,
  };
}

/** When the period of local date `day` (midnight, written as UTC) starts. */
function startOn(day: number, r: Resolved): number {
  return instantOf(day + r.minutes * MINUTE_MS, r.timeZone);
}

/** The local date (midnight, written as UTC) of the period `now` falls in. */
function periodDay(r: Resolved, now: number): number {
  let day = Math.floor(wallClock(now, r.timeZone) / DAY_MS) * DAY_MS;
  if (r.weekday !== undefined) {
    const isoWeekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    day -= ((isoWeekday - r.weekday + 7) % 7) * DAY_MS;
  }
  while (startOn(day, r) > now) day -= r.stepDays * DAY_MS;
  return day;
}

/** The start of the period `now` falls in (the latest boundary at or before `now`). */
export function periodStart(timing: DigestTiming, now: number): number {
  const r = resolve(timing);
  return startOn(periodDay(r, now), r);
}

/** The start of the next period after `now`. */
export function nextPeriodStart(timing: DigestTiming, now: number): number {
  const r = resolve(timing);
  return startOn(periodDay(r, now) + r.stepDays * DAY_MS, r);
}

/** Names the period starting at `start` by its local date: `daily-2030-01-02`. */
export function periodKey(timing: DigestTiming, start: number): string {
  const r = resolve(timing);
  return `${timing.frequency}-${new Date(periodDay(r, start)).toISOString().slice(0, 10)}`;
}

/** The period due at `now` for a schedule set up at `since`, or undefined when none is due yet. */
export function duePeriod(
  timing: DigestTiming,
  since: number,
  now: number,
): { key: string; start: number } | undefined {
  const start = periodStart(timing, now);
  return start >= since ? { key: periodKey(timing, start), start } : undefined;
}
