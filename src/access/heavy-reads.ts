/**
 * Lists, their pages and the App Home refresh read every service of every project. They are served from
 * the service cache, and on top of that each person gets a small bucket of them: a burst of a few, then
 * one a second, so one a second is never refused and nobody can make the bot work flat out. Other
 * actions (approve, reject, show, create…) are never limited here. When Redis does not answer, reads are
 * let through: the cache still bounds the work, and a limiter must not take the lists down with it.
 */
import { isSlackId } from '../domain/slack-ids.js';
import type { Logger } from '../platform/logging/logger.js';
import type { BucketSettings, RateLimits } from '../redis/rate-limits.js';

/** Five at once, then one a second (`LIST_RATE_BURST` sets the five). */
export const HEAVY_READS: BucketSettings = { burst: 5, perSecond: 1 };

export type HeavyReadVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryInSeconds: number };

export interface HeavyReadLimiter {
  /** Counts one heavy read by `userId`; refused ones say when to try again. */
  take(userId: string): Promise<HeavyReadVerdict>;
}

export function createHeavyReadLimiter(
  limits: RateLimits,
  logger: Logger,
  settings: BucketSettings = HEAVY_READS,
): HeavyReadLimiter {
  return {
    async take(userId) {
      // Slack signs the user ID; anything else shares one bucket rather than getting its own.
      const subject = isSlackId(userId) ? userId.toUpperCase() : 'unrecognised';
      try {
        const result = await limits.take('heavy-read', subject, settings);
        return result.allowed
          ? result
          : { allowed: false, retryInSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) };
      } catch (err) {
        logger.warn({ err, userId: subject }, 'rate limit unavailable; letting the read through');
        return { allowed: true };
      }
    },
  };
}
