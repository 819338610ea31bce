/** One Redis hash of JSON values, checked by a zod schema on the way out. */
import type { Cluster, Redis } from 'ioredis';
import type { z } from 'zod';

/** A standalone client or a cluster: the emulator uses only commands both offer. */
export type RedisClient = Redis | Cluster;

/** A Redis hash of JSON values of one schema. */
export class Collection<S extends z.ZodType> {
  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    private readonly schema: S,
  ) {}

  async all(): Promise<z.output<S>[]> {
    const values = Object.values(await this.redis.hgetall(this.key));
    return values.map((v) => this.schema.parse(JSON.parse(v)));
  }

  async get(id: string): Promise<z.output<S> | undefined> {
    const value = await this.redis.hget(this.key, id);
    return value === null ? undefined : this.schema.parse(JSON.parse(value));
  }

  async put(id: string, value: z.input<S>): Promise<void> {
    await this.redis.hset(this.key, id, JSON.stringify(value));
  }

  async putMany(entries: readonly (readonly [string, z.input<S>])[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500).flatMap(([id, v]) => [id, JSON.stringify(v)]);
      if (chunk.length) await this.redis.hset(this.key, ...chunk);
    }
  }

  async remove(...ids: string[]): Promise<void> {
    if (ids.length) await this.redis.hdel(this.key, ...ids);
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.key);
  }
}
