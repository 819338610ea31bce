import { afterAll, describe, expect, it } from 'vitest';
import { createKeys } from '#src/redis/keys.js';
import { createLeaderLock } from '#src/redis/leader-lock.js';
import { assertionClient, uniquePrefix } from '../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());

describe('leader lock', () => {
  it('should grant the lease to one replica at a time and renew it for its holder', async () => {
    const keys = createKeys(uniquePrefix());
    const a = createLeaderLock(redis, keys, 'replica-a');
    const b = createLeaderLock(redis, keys, 'replica-b');
    const first = await a.acquire('poller', 10_000);
    expect(first).toBeDefined();
    expect(await b.acquire('poller', 10_000)).toBeUndefined();
    const renewed = await a.acquire('poller', 10_000);
    expect(renewed?.token).toBe(first?.token);
  });

  it('should hand over after the lease lapses, with a larger fencing token', async () => {
    const keys = createKeys(uniquePrefix());
    const a = createLeaderLock(redis, keys, 'replica-a');
    const b = createLeaderLock(redis, keys, 'replica-b');
    const old = await a.acquire('poller', 50);
    await new Promise((r) => setTimeout(r, 80));
    const next = await b.acquire('poller', 10_000);
    expect(next?.token).toBeGreaterThan(old?.token ?? Number.POSITIVE_INFINITY);
    expect(await old?.isCurrent()).toBe(false);
    expect(await next?.isCurrent()).toBe(true);
  });

  it('should let only the holder release the lease', async () => {
    const keys = createKeys(uniquePrefix());
    const a = createLeaderLock(redis, keys, 'replica-a');
    const b = createLeaderLock(redis, keys, 'replica-b');
    const stale = await a.acquire('digest', 50);
    await new Promise((r) => setTimeout(r, 80));
    const current = await b.acquire('digest', 10_000);
    if (!stale || !current) throw new Error('expected both leases');
    await a.release(stale);
    expect(await current.isCurrent()).toBe(true);
    await b.release(current);
    expect(await a.acquire('digest', 10_000)).toBeDefined();
  });
});
