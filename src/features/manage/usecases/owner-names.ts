/**
 * Owners as a channel post names them: without mention syntax, so a summary notifies nobody. User
 * names come from the workspace directory (`users.info`, Tier 4) and group handles from its list of
 * groups (`usergroups.list`, Tier 2, one call for every group), both cached in Redis for every replica.
 * Whatever cannot be resolved shows as the raw ID; resolving never fails a summary.
 */
import type { Owners } from '../../../access/service-records.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { mapLimit } from '../../../platform/map-limit.js';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';

/** Display names by user ID and handles by group ID; IDs missing here are shown as they are. */
export interface OwnerLabels {
  readonly users: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, string>;
}

export interface OwnerNames {
  /** Names for every owner in `owners` (best effort). */
  labels(owners: readonly (Owners | undefined)[]): Promise<OwnerLabels>;
}

const USER_SECONDS = 86_400;
const GROUPS_SECONDS = 3_600;
const LOOKUP_CONCURRENCY = 4;
/** The field of the handles hash that says when the list was fetched. */
const FETCHED = '_fetched';
/** At most this many `users.info` calls for one summary; the rest show their IDs until cached. */
const MAX_LOOKUPS = 40;

/** The port to the workspace's directory (the feature's Slack adapter implements it). */
export interface NameDirectory {
  /** The name Slack shows for a user, if it has one; rejects when Slack does not answer. */
  userName(userId: string): Promise<string | undefined>;
  /** Every user group's handle by group ID; rejects when Slack does not answer. */
  groupHandles(): Promise<ReadonlyMap<string, string>>;
}

export function createOwnerNames(
  directory: NameDirectory,
  redis: RedisClient,
  keys: Keys,
  logger: Logger,
): OwnerNames {
  const userKey = (id: string) => keys.key('manage', 'user-name', id);
  const groupsKey = keys.key('manage', 'group-handles');

  async function cached<T>(read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await withState(read);
    } catch (err) {
      logger.warn({ err }, 'owner names cache unavailable');
      return fallback;
    }
  }

  async function lookUpUser(id: string): Promise<string | undefined> {
    try {
      const name = await directory.userName(id);
      if (name) await cached(() => redis.set(userKey(id), name, 'EX', USER_SECONDS), undefined);
      return name;
    } catch (err) {
      logger.info({ err, userId: id }, 'could not resolve a user name; showing the ID');
      return undefined;
    }
  }

  async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    // One GET a user (not MGET): the keys may live in different cluster slots.
    const known = await cached(
      () => Promise.all(ids.map((id) => redis.get(userKey(id)))),
      [] as (string | null)[],
    );
    const missing: string[] = [];
    ids.forEach((id, i) => {
      const name = known[i];
      if (name) out.set(id, name);
      else missing.push(id);
    });
    const names = await mapLimit(missing.slice(0, MAX_LOOKUPS), LOOKUP_CONCURRENCY, lookUpUser);
    missing.slice(0, MAX_LOOKUPS).forEach((id, i) => {
      const name = names[i];
      if (name) out.set(id, name);
    });
    return out;
  }

  async function groupHandles(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    let handles = new Map(Object.entries(await cached(() => redis.hgetall(groupsKey), {})));
    // The list is fetched at most once per GROUPS_SECONDS; a group it lacks keeps its ID meanwhile.
    if (!handles.has(FETCHED) && ids.some((id) => !handles.has(id))) {
      try {
        handles = new Map(await directory.groupHandles());
        await cached(async () => {
          await redis.hset(groupsKey, { ...Object.fromEntries(handles), [FETCHED]: String(Date.now()) });
          await redis.expire(groupsKey, GROUPS_SECONDS);
        }, undefined);
      } catch (err) {
        logger.info({ err }, 'could not resolve user group handles; showing the IDs');
      }
    }
    return new Map(ids.flatMap((id) => (handles.has(id) ? [[id, handles.get(id) ?? id]] : [])));
  }

  return {
    async labels(owners) {
      const users = [...new Set(owners.flatMap((o) => o?.users ?? []))];
      const groups = [...new Set(owners.flatMap((o) => o?.groups ?? []))];
      const [userMap, groupMap] = await Promise.all([userNames(users), groupHandles(groups)]);
      return { users: userMap, groups: groupMap };
    },
  };
}
