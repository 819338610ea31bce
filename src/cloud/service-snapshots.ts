/**
 * The shared half of the service cache: per project, the last listing of every service, the quota and
 * the connection counts of single services, each kept a few seconds, so replicas answer lists from one
 * cloud fetch. A generation counter per project makes invalidation instant everywhere: entries are
 * keyed by the generation they were read in, so bumping it orphans them all at once (they expire by
 * themselves), and a fetch that raced a write can never be read as current.
 */
import type { z } from 'zod';
import type { Keys } from '../redis/keys.js';
import { type RedisClient, withState } from '../redis/redis-connection.js';

/** A value and how long it stays fresh, as Redis counts it (no clocks of two replicas are compared). */
export interface Snapshot<T> {
  readonly value: T;
  readonly ttlMs: number;
}

export interface ServiceSnapshots {
  /** The project's current generation; '0' before the first invalidation. */
  generation(projectId: string): Promise<string>;
  /** Makes every entry of the project stale at once, on every replica. */
  invalidate(projectId: string): Promise<void>;
  /** `item` names the entry (`services`, `quota`, `conns:<service id>`); `schema` checks what is read. */
  read<T>(
    projectId: string,
    generation: string,
    item: string,
    schema: z.ZodType<T>,
  ): Promise<Snapshot<T> | undefined>;
  write(projectId: string, generation: string, item: string, value: unknown, ttlMs: number): Promise<void>;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function createServiceSnapshots(redis: RedisClient, keys: Keys): ServiceSnapshots {
  // One hash tag per project: the generation and its entries live in one Cluster slot.
  const tag = (projectId: string) => `{svc-cache:${projectId}}`;
  const genKey = (projectId: string) => keys.key(tag(projectId), 'gen');
  const itemKey = (projectId: string, generation: string, item: string) =>
    keys.key(tag(projectId), generation, item);

  return {
    generation: (projectId) => withState(async () => (await redis.get(genKey(projectId))) ?? '0'),
    invalidate: (projectId) =>
      withState(async () => {
        await redis.incr(genKey(projectId));
      }),
    read: (projectId, generation, item, schema) =>
      withState(async () => {
        const key = itemKey(projectId, generation, item);
        const [[, raw], [, ttl]] = (await redis.multi().get(key).pttl(key).exec()) as [
          [unknown, string | null],
          [unknown, number],
        ];
        if (raw === null || ttl <= 0) return undefined;
        // The bot wrote it itself; the check keeps an older or foreign shape from passing as current.
        const parsed = schema.safeParse(parseJson(raw));
        return parsed.success ? { value: parsed.data, ttlMs: ttl } : undefined;
      }),
    write: (projectId, generation, item, value, ttlMs) =>
      withState(async () => {
        if (ttlMs >= 1)
          await redis.set(
            itemKey(projectId, generation, item),
            JSON.stringify(value),
            'PX',
            Math.floor(ttlMs),
          );
      }),
  };
}
