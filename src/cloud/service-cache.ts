/**
 * The reads that lists, their pages, digests and App Home repeat for every person: every service of a
 * project, its quota, and the connection counts of single services. Each is served from a cache at most
 * `maxAgeMs` old (5 s), shared by replicas through Redis and memoised in this process; readers of the
 * same entry share one fetch in flight. Every write through the bot calls `invalidate` (see
 * `cache-invalidation.ts`), so the next read asks the cloud again. Failures are never cached.
 *
 * Only these bulk reads are cached. Finding one service by ID or name always asks the cloud
 * (`service-lookup.ts`), so a service made outside the bot is found at once, never "not found" from here.
 */
import { z } from 'zod';
import type { Logger } from '../platform/logging/logger.js';
import type { Cloud } from './index.js';
import type { ServiceSnapshots } from './service-snapshots.js';
import type { Connection, EndpointService, Quota } from './types.js';

/** How old a cached read may be. */
export const SERVICE_CACHE_MAX_AGE_MS = 5000;

export interface ConnectionCounts {
  readonly pending: number;
  readonly accepted: number;
  readonly creating: number;
}

export interface ServiceCache {
  /** Every service of the project; throws what the cloud threw. */
  services(projectId: string): Promise<readonly EndpointService[]>;
  /** The project's endpoint service quota; throws what the cloud threw. */
  quota(projectId: string): Promise<Quota>;
  /** How many connections of the service wait, are accepted, or are being created. */
  connectionCounts(projectId: string, serviceId: string): Promise<ConnectionCounts>;
  /** Forgets everything cached for the project, here and in Redis. Never throws. */
  invalidate(projectId: string): Promise<void>;
}

export interface ServiceCacheDeps {
  readonly cloud: Pick<Cloud, 'project'>;
  readonly snapshots: ServiceSnapshots;
  readonly logger: Logger;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export function countConnections(connections: readonly Connection[]): ConnectionCounts {
  const count = (status: Connection['status']) => connections.filter((c) => c.status === status).length;
  return { pending: count('pendingAcceptance'), accepted: count('accepted'), creating: count('creating') };
}

interface Entry {
  /** The Redis generation it belongs to; undefined when read while Redis did not answer. */
  readonly generation: string | undefined;
  expiresAt: number;
  value: Promise<unknown>;
}

const servicesSchema = z.array(
  z.custom<EndpointService>((v) => typeof v === 'object' && v !== null && 'id' in v && 'serviceName' in v),
);
const quotaSchema = z.object({ used: z.number(), quota: z.number() });
const countsSchema = z.object({ pending: z.number(), accepted: z.number(), creating: z.number() });

/** Past this many entries in a project, expired ones are dropped on the next insert. */
const PRUNE_AT = 256;

export function createServiceCache(deps: ServiceCacheDeps): ServiceCache {
  const maxAgeMs = deps.maxAgeMs ?? SERVICE_CACHE_MAX_AGE_MS;
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: 'service-cache' });
  const memos = new Map<string, Map<string, Entry>>();

  function memoOf(projectId: string): Map<string, Entry> {
    let memo = memos.get(projectId);
    if (!memo) {
      memo = new Map();
      memos.set(projectId, memo);
    }
    return memo;
  }

  async function generation(projectId: string): Promise<string | undefined> {
    try {
      return await deps.snapshots.generation(projectId);
    } catch (err) {
      // Without Redis this process still memoises (at most maxAgeMs); other replicas' writes then
      // show within that age instead of at once.
      log.warn({ err, projectId }, 'service cache generation unavailable; using this process only');
      return undefined;
    }
  }

  function fresh(entry: Entry | undefined, current: string | undefined): entry is Entry {
    return !!entry && entry.expiresAt > now() && (current === undefined || entry.generation === current);
  }

  /** The shared copy when Redis has a fresh one; else one fetch, shared with Redis afterwards. */
  async function load<T>(
    projectId: string,
    item: string,
    gen: string | undefined,
    schema: z.ZodType<T>,
    fetch: () => Promise<T>,
    entry: Entry,
  ): Promise<T> {
    const started = now();
    if (gen !== undefined) {
      const shared = await deps.snapshots.read(projectId, gen, item, schema).catch((err: unknown) => {
        log.warn({ err, projectId, item }, 'service cache unreadable; asking the cloud');
        return undefined;
      });
      if (shared) {
        entry.expiresAt = Math.min(entry.expiresAt, now() + shared.ttlMs);
        return shared.value;
      }
    }
    const value = await fetch();
    const ttlMs = started + maxAgeMs - now();
    if (gen !== undefined && ttlMs >= 1)
      await deps.snapshots.write(projectId, gen, item, value, ttlMs).catch((err: unknown) => {
        log.warn({ err, projectId, item }, 'service cache not shared');
      });
    return value;
  }

  async function cached<T>(
    projectId: string,
    item: string,
    schema: z.ZodType<T>,
    fetch: () => Promise<T>,
  ): Promise<T> {
    const gen = await generation(projectId);
    const memo = memoOf(projectId);
    const known = memo.get(item);
    if (fresh(known, gen)) return known.value as Promise<T>;
    if (memo.size > PRUNE_AT) for (const [key, e] of memo) if (e.expiresAt <= now()) memo.delete(key);
    // Placed before the first await, so concurrent readers join this one fetch.
    const entry: Entry = { generation: gen, expiresAt: now() + maxAgeMs, value: Promise.resolve() };
    const value = load(projectId, item, gen, schema, fetch, entry);
    entry.value = value;
    memo.set(item, entry);
    value.catch(() => {
      if (memo.get(item) === entry) memo.delete(item);
    });
    return value;
  }

  return {
    services: (projectId) =>
      cached(projectId, 'services', servicesSchema, () => deps.cloud.project(projectId).listServices()),
    quota: (projectId) =>
      cached(projectId, 'quota', quotaSchema, () => deps.cloud.project(projectId).quota('endpoint_service')),
    connectionCounts: (projectId, serviceId) =>
      cached(projectId, `conns:${serviceId}`, countsSchema, async () =>
        countConnections(await deps.cloud.project(projectId).listConnections(serviceId)),
      ),
    async invalidate(projectId) {
      memos.delete(projectId);
      try {
        await deps.snapshots.invalidate(projectId);
      } catch (err) {
        log.warn(
          { err, projectId },
          'service cache not invalidated in Redis; other replicas catch up within 5 s',
        );
      }
    },
  };
}
