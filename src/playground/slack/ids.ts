/**
 * Identifiers the fake hands out: the fixed workspace identity, random Slack-looking ids, message
 * timestamps, and trigger ids that carry their issue time (so the fake can tell an expired one).
 */
import { randomBytes } from 'node:crypto';

/** The fake workspace and its bot, as `auth.test` reports them. */
export const FAKE_TEAM = {
  teamId: 'T0TEST',
  teamDomain: 'vpcep-test',
  teamName: 'VPCEP Test',
  botUserId: 'UBOT',
  botId: 'BBOT',
  botName: 'vpcep-bot',
  appId: 'A0TEST',
} as const;

/** How long a trigger id may be used after it was issued (Slack: 3 s). */
export const TRIGGER_TTL_MS = 3000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-looking id: `prefix` followed by random upper-case letters and digits (`V0A1B2…`). */
export function randomSlackId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** A trigger id in the fake's format `trig.<issuedAtMs>.<random>`. */
export function newTriggerId(issuedAtMs = Date.now()): string {
  return `trig.${issuedAtMs}.${randomBytes(6).toString('hex')}`;
}

/** The issue time encoded in a trigger id, or `undefined` if it is not one of the fake's trigger ids. */
export function triggerIssuedAt(triggerId: string): number | undefined {
  const match = /^trig\.(\d{10,})\.[0-9a-f]+$/.exec(triggerId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Hands out unique, increasing message timestamps (`1700000000.000123`), as Slack does per channel. */
export class MessageClock {
  private last = 0;

  /** The next timestamp, strictly greater than every earlier one. */
  next(): string {
    const micros = Math.max(Date.now() * 1000, this.last + 1);
    this.last = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Makes every later timestamp greater than `ts` (messages restored from a save). */
  notBefore(ts: string): void {
    const [seconds, micros] = ts.split('.');
    const value = Number(seconds) * 1_000_000 + Number(micros ?? 0);
    if (Number.isFinite(value)) this.last = Math.max(this.last, value);
  }
}
