/**
 * A leader lease in Redis with a fencing token: one holder at a time per name, renewed while held, given
 * up safely (only by its holder), and taken over by another replica when it lapses. Every acquisition
 * takes a new, larger token, so a paused former leader can be told from the current one.
 */
import type { Keys } from './keys.js';
import type { RedisClient } from './redis-connection.js';

// KEYS[1] lease, KEYS[2] fence counter; ARGV[1] owner id, ARGV[2] ttl ms. Returns the token or nil.
const ACQUIRE = `
local held = redis.call('GET', KEYS[1])
if held then
  local owner, token = string.match(held, '^(.*)|(%d+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return token
  end
  return false
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
return tostring(token)
`;

// KEYS[1] lease; ARGV[1] owner|token. Deletes only our own lease.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface Lease {
  readonly name: string;
  readonly token: number;
  /** Whether this lease is still the current one in Redis (the fencing check). */
  isCurrent(): Promise<boolean>;
}

export interface LeaderLock {
  /** Acquires or renews the lease; undefined when another replica holds it. */
  acquire(name: string, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
}

export function createLeaderLock(redis: RedisClient, keys: Keys, ownerId: string): LeaderLock {
  const leaseKey = (name: string) => keys.key(`{leader:${name}}`, 'lease');
  const fenceKey = (name: string) => keys.key(`{leader:${name}}`, 'fence');
  const value = (token: number) => `${ownerId}|${token}`;
  return {
    async acquire(name, ttlMs) {
      const token = (await redis.eval(ACQUIRE, 2, leaseKey(name), fenceKey(name), ownerId, String(ttlMs))) as
        | string
        | null;
      if (!token) return undefined;
      const tokenNumber = Number(token);
      return {
        name,
        token: tokenNumber,
        isCurrent: async () => (await redis.get(leaseKey(name))) === value(tokenNumber),
      };
    },
    async release(lease) {
      await redis.eval(RELEASE, 1, leaseKey(lease.name), value(lease.token));
    },
  };
}
