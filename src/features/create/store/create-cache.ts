/**
 * A short-lived cache shared by replicas for what the create form lists (VPCs, backends, user groups):
 * the form re-renders and `external_select` searches read it instead of asking the cloud or Slack
 * again within a minute or two. A cache that cannot be read is a miss, never an error.
 */
import type { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import type { Keys } from '../../../redis/keys.js';
import type { RedisClient } from '../../../redis/redis-connection.js';

export interface CreateCache {
  /** The cached value, or `load()`'s (then cached for `ttlSeconds`). */
  through<T>(name: string, schema: z.ZodType<T>, ttlSeconds: number, load: () => Promise<T>): Promise<T>;
  /** The cached value only. */
  peek<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined>;
}

export function createCreateCache(redis: RedisClient, keys: Keys, logger: Logger): CreateCache {
  const keyOf = (name: string) => keys.key('create', 'cache', name);

  async function peek<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      const raw = await redis.get(keyOf(name));
      if (!raw) return undefined;
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch (err) {
      logger.debug({ err, name }, 'create cache unreadable; treating as a miss');
      return undefined;
    }
  }

  return {
    peek,
    async through(name, schema, ttlSeconds, load) {
      const cached = await peek(name, schema);
      if (cached !== undefined) return cached;
      const value = await load();
      try {
        await redis.set(keyOf(name), JSON.stringify(value), 'EX', ttlSeconds);
      } catch (err) {
        logger.debug({ err, name }, 'create cache unwritable');
      }
      return value;
    },
  };
}
