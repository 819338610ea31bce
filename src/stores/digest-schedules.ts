/**
 * Digest schedules per channel (`/vpcep digest daily|weekly|off`), their last outcome, and the
 * per-period claims that make a digest go out once per period however many replicas run
 * (`SET NX` on `digest:<channel>:<period>`).
 */
import { z } from 'zod';
import type { Keys } from './keys.js';
import { type RedisClient, withState } from './redis-connection.js';

export const digestScheduleSchema = z.object({
  channel: z.string(),
  frequency: z.enum(['daily', 'weekly']),
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
  /** True for the one caller that may post this channel's digest of `period`. */
  claimPeriod(channel: string, period: string, owner: string): Promise<boolean>;
  /** Gives a claim back (nothing was posted; the next tick may try again). */
  releasePeriod(channel: string, period: string): Promise<void>;
  recordOutcome(channel: string, status: DigestStatus): Promise<void>;
  status(channel: string): Promise<DigestStatus | undefined>;
}

/** Claims outlive a weekly period. */
const CLAIM_SECONDS = 8 * 86_400;

export function createDigestStore(redis: RedisClient, keys: Keys): DigestStore {
  const schedulesKey = keys.key('digest', 'schedules');
  const statusKey = keys.key('digest', 'status');
  const claimKey = (channel: string, period: string) => keys.key('digest', channel, period);
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
    claimPeriod: (channel, period, owner) =>
      withState(
        async () => (await redis.set(claimKey(channel, period), owner, 'EX', CLAIM_SECONDS, 'NX')) === 'OK',
      ),
    releasePeriod: (channel, period) =>
      withState(async () => {
        await redis.del(claimKey(channel, period));
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
