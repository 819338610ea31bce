/**
 * What `/vpcep digest …` asks for: show, off, or a schedule with its weekday (weekly), local time
 * and IANA time zone, each optional (`daily 08:30 Europe/Berlin`, `weekly fri 16:00 America/New_York`,
 * `weekly`). Bad words get an answer naming them and how to write them.
 */

import { code } from '../../../domain/mrkdwn.js';
import { usageText } from '../../../domain/subcommand-spec.js';
import { DIGEST_SPEC } from '../manage-subcommands.js';
import {
  DEFAULT_DIGEST_TIME,
  DEFAULT_DIGEST_WEEKDAY,
  DEFAULT_DIGEST_ZONE,
  type DigestFrequency,
  type DigestTiming,
  knownTimeZone,
  minutesOfDay,
} from './digest-periods.js';

/** `set` carries every part of the timing, defaults filled in (a weekday for weekly digests only). */
export type DigestRequest =
  | { readonly kind: 'show' }
  | { readonly kind: 'set'; readonly timing: DigestTiming }
  | { readonly kind: 'off' };

/** Words the command cannot be read from, and how to write them. */
export interface InvalidDigestArgs {
  readonly kind: 'invalid';
  readonly text: string;
}

const DIGEST_USAGE = usageText(DIGEST_SPEC);

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** `mon`, `Monday`, … as an ISO weekday (1 = Monday); undefined for anything else. */
function weekdayOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = WEEKDAYS.findIndex((day) => day.startsWith(lower));
  return index >= 0 ? index + 1 : undefined;
}

const shown = (word: string) => code(word.slice(0, 40));
const invalid = (text: string): InvalidDigestArgs => ({ kind: 'invalid', text: `${text} ${DIGEST_USAGE}` });

/** Reads `[weekday] [HH:MM] [zone]` after the frequency. */
function parseTiming(
  frequency: DigestFrequency,
  words: readonly string[],
): DigestRequest | InvalidDigestArgs {
  const rest = [...words];
  let weekday: number | undefined;
  const day = rest[0] === undefined ? undefined : weekdayOf(rest[0]);
  if (day !== undefined) {
    if (frequency === 'daily')
      return invalid(`A daily digest goes out every day, so ${shown(rest[0] ?? '')} does not fit here.`);
    weekday = day;
    rest.shift();
  }
  let time = DEFAULT_DIGEST_TIME;
  if (rest[0] !== undefined && /^\d/.test(rest[0])) {
    const minutes = minutesOfDay(rest[0]);
    if (minutes === undefined)
      return invalid(`${shown(rest[0])} is not a time of day: write it as HH:MM, from 00:00 to 23:59.`);
    time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    rest.shift();
  }
  let timeZone = DEFAULT_DIGEST_ZONE;
  if (rest[0] !== undefined) {
    const zone = knownTimeZone(rest[0]);
    if (!zone)
      return invalid(
        `I don't know the time zone ${shown(rest[0])}: use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`,
      );
    timeZone = zone;
    rest.shift();
  }
  if (rest.length > 0) return invalid(`I don't know ${shown(rest.join(' '))} here.`);
  const timing: DigestTiming =
    frequency === 'weekly'
      ? { frequency, weekday: weekday ?? DEFAULT_DIGEST_WEEKDAY, time, timeZone }
      : { frequency, time, timeZone };
  return { kind: 'set', timing };
}

export function parseDigestArgs(args: readonly string[]): DigestRequest | InvalidDigestArgs {
  const [first, ...rest] = args;
  if (first === undefined) return { kind: 'show' };
  const word = first.toLowerCase();
  if (word === 'daily' || word === 'weekly') return parseTiming(word, rest);
  if (word === 'off' && rest.length === 0) return { kind: 'off' };
  if (word === 'off') return invalid(`\`off\` takes nothing after it.`);
  return invalid(`I don't know ${shown(first.slice(0, 20))} here.`);
}
