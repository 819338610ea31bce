/**
 * Digest schedules per channel (`/vpcep digest daily|weekly|off`), their last outcome, and what makes
 * a digest go out once per period however many replicas run: a short posting lease per channel and
 * period (`SET NX PX`, refused once the period is marked posted), and the mark, set only after the
 * post. A replica that dies between lease and post loses nothing: the lease runs out and the next
 * tick posts.
 */
import { z } from 'zod';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';

/**
 * A channel's digest. Schedules saved before times and zones existed have neither: they go out at
 * 09:00 UTC (and weekly ones on Mondays), as they always did.
 */
export const digestScheduleSchema = z.object({
  channel: z.string(),
  frequency: z.enum(['daily', 'weekly']),
  /** ISO weekday of a weekly digest (1 = Monday … 7 = Sunday); Monday when absent. */
  weekday: z.number().int().min(1).max(7).optional(),
  /** Local time of day, `HH:MM`; 09:00 when absent. */
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  /** IANA time zone that `Intl` knows, as the person wrote it; UTC when absent. */
  timeZone: z.string().optional(),
  /** Slack user ID of who set it up. */
  createdBy: z.string(),
  /** Epoch ms; the first digest is the first period starting after it. */
  createdAt: z.number(),
});
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;

export const digestStatusSchema = z.object({
  period: z.string(),
  at: z.number(),
  /** Where it was posted, or why it was not. */
  ts: z.string().optional(),
  error: z.string().optional(),
});
export type DigestStatus = z.infer<typeof digestStatusSchema>;

export interface DigestStore {
  set(schedule: DigestSchedule): Promise<void>;
  /** True when the channel had a schedule. */
  remove(channel: string): Promise<boolean>;
  get(channel: string): Promise<DigestSchedule | undefined>;
  list(): Promise<DigestSchedule[]>;
  /**
   * True for the one caller that may post this channel's digest of `period` now: the period is not
   * marked posted and nobody else holds its posting lease (held for `leaseMs`).
   */
  claimPosting(channel: string, period: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks the period posted (kept past a weekly period) and ends `owner`'s lease. */
  markPosted(channel: string, period: string, owner: string): Promise<void>;
  /** Ends `owner`'s lease without marking the period (nothing was posted; the next tick tries again). */
  releasePosting(channel: string, period: string, owner: string): Promise<void>;
  recordOutcome(channel: string, status: DigestStatus): Promise<void>;
  status(channel: string): Promise<DigestStatus | undefined>;
}

/** The posted mark outlives a weekly period. */
const POSTED_SECONDS = 8 * 86_400;

/** KEYS: posted mark, lease. ARGV: owner, lease ms. 1 when the lease is taken. */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;

/** KEYS: lease. ARGV: owner. Deletes the lease only while it is the owner's. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export function createDigestStore(redis: RedisClient, keys: Keys): DigestStore {
  const schedulesKey = keys.key('digest', 'schedules');
  const statusKey = keys.key('digest', 'status');
  // The mark and the lease of one period share a hash tag: the claim script touches both.
  const postedKey = (channel: string, period: string) =>
    keys.key('digest', `{${channel}:${period}}`, 'posted');
  const leaseKey = (channel: string, period: string) => keys.key('digest', `{${channel}:${period}}`, 'lease');
  const parse = (raw: string | null | undefined) => {
    if (!raw) return undefined;
    const result = digestScheduleSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  };
  return {
    set: (schedule) =>
      withState(async () => {
        const valid = digestScheduleSchema.parse(schedule);
        await redis.hset(schedulesKey, valid.channel, JSON.stringify(valid));
      }),
    remove: (channel) =>
      withState(async () => {
        const removed = await redis.hdel(schedulesKey, channel);
        await redis.hdel(statusKey, channel);
        return removed === 1;
      }),
    get: (channel) => withState(async () => parse(await redis.hget(schedulesKey, channel))),
    list: () =>
      withState(async () => {
        const all = await redis.hgetall(schedulesKey);
        return Object.values(all).flatMap((raw) => parse(raw) ?? []);
      }),
    claimPosting: (channel, period, owner, leaseMs) =>
      withState(
        async () =>
          (await redis.eval(
            CLAIM,
            2,
            postedKey(channel, period),
            leaseKey(channel, period),
            owner,
            String(Math.max(1, Math.round(leaseMs))),
          )) === 1,
      ),
    markPosted: (channel, period, owner) =>
      withState(async () => {
        await redis.set(postedKey(channel, period), owner, 'EX', POSTED_SECONDS);
        await redis.eval(RELEASE, 1, leaseKey(channel, period), owner);
      }),
    releasePosting: (channel, period, owner) =>
      withState(async () => {
        await redis.eval(RELEASE, 1, leaseKey(channel, period), owner);
      }),
    recordOutcome: (channel, status) =>
      withState(async () => {
        await redis.hset(statusKey, channel, JSON.stringify(digestStatusSchema.parse(status)));
      }),
    status: (channel) =>
      withState(async () => {
        const raw = await redis.hget(statusKey, channel);
        return raw ? digestStatusSchema.parse(JSON.parse(raw)) : undefined;
      }),
  };
}
