/**
 * Owners as a channel post names them: without mention syntax, so a summary notifies nobody. User
 * names come from `users.info` (Tier 4) and group handles from `usergroups.list` (Tier 2, one call
 * for every group), both cached in Redis for every replica. Whatever cannot be resolved shows as the
 * raw ID; resolving never fails a summary.
 */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
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

const userAnswer = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

const groupsAnswer = z.object({
  usergroups: z.array(z.object({ id: z.string(), handle: z.string() })).default([]),
});

/** The name Slack shows for a user: display name, else real name, else the user name. */
export function userLabel(answer: z.infer<typeof userAnswer>['user']): string | undefined {
  const pick = [answer.profile?.display_name, answer.profile?.real_name, answer.real_name, answer.name];
  return pick.map((n) => n?.trim()).find((n) => n);
}

export function createOwnerNames(
  slack: WebClient,
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
      const name = userLabel(userAnswer.parse(await slack.users.info({ user: id })).user);
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
        const answer = groupsAnswer.parse(await slack.usergroups.list({ include_disabled: true }));
        handles = new Map(answer.usergroups.map((g) => [g.id, g.handle]));
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
