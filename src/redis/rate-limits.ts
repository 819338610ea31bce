/**
 * A token bucket per user in Redis, shared by replicas and timed by Redis's own clock: `burst` requests
 * at once, then one every `1000 / perSecond` ms. One request a second is never refused while
 * `perSecond >= 1`.
 */
import type { Keys } from './keys.js';
import { type RedisClient, withState } from './redis-connection.js';

export interface BucketSettings {
  /** Requests allowed at once from a full bucket. */
  readonly burst: number;
  /** Tokens added per second. */
  readonly perSecond: number;
}

export type TakeResult =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

export interface RateLimits {
  /** Takes one token from `subject`'s bucket, or says how long until one is there. */
  take(bucket: string, subject: string, settings: BucketSettings): Promise<TakeResult>;
}

/** KEYS[1] the bucket; ARGV burst, tokens per ms. Returns {allowed, ms until a token}. */
const TAKE = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {allowed, wait}`;

export function createRateLimits(redis: RedisClient, keys: Keys): RateLimits {
  return {
    take: (bucket, subject, settings) =>
      withState(async () => {
        const key = keys.key('ratelimit', bucket, subject);
        const [allowed, wait] = (await redis.eval(
          TAKE,
          1,
          key,
          String(settings.burst),
          String(settings.perSecond / 1000),
        )) as [number, number];
        return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(1, wait) };
      }),
  };
}
