/**
 * Members of Slack user groups, resolved with `usergroups.users.list` (a Tier 2 method) and cached in
 * Redis for all replicas. When Slack cannot answer, the last known list is used, so approvals keep
 * working through a Slack hiccup.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger.js';
import type { Keys } from '../stores/keys.js';
import { type RedisClient, withState } from '../stores/redis-connection.js';

export interface UsergroupMembers {
  /** Member user IDs of a group; empty when unknown. */
  members(groupId: string): Promise<readonly string[]>;
  /** Whether `userId` belongs to any of `groupIds`. */
  isMemberOfAny(userId: string, groupIds: readonly string[]): Promise<boolean>;
}

export interface UsergroupMembersOptions {
  freshSeconds?: number;
  staleSeconds?: number;
}

export function createUsergroupMembers(
  client: WebClient,
  redis: RedisClient,
  keys: Keys,
  logger: Logger,
  options: UsergroupMembersOptions = {},
): UsergroupMembers {
  const fresh = options.freshSeconds ?? 300;
  const stale = options.staleSeconds ?? 7 * 86_400;
  const freshKey = (id: string) => keys.key('usergroup', id, 'fresh');
  const staleKey = (id: string) => keys.key('usergroup', id, 'members');

  async function members(groupId: string): Promise<readonly string[]> {
    const cached = await withState(() => redis.get(freshKey(groupId)));
    if (cached) return JSON.parse(cached) as string[];
    try {
      const result = await client.usergroups.users.list({ usergroup: groupId });
      const users = result.users ?? [];
      await withState(async () => {
        await redis.set(freshKey(groupId), JSON.stringify(users), 'EX', fresh);
        await redis.set(staleKey(groupId), JSON.stringify(users), 'EX', stale);
      });
      return users;
    } catch (err) {
      const last = await withState(() => redis.get(staleKey(groupId)));
      logger.warn({ err, groupId, usingLastKnown: Boolean(last) }, 'could not resolve user group members');
      return last ? (JSON.parse(last) as string[]) : [];
    }
  }

  return {
    members,
    async isMemberOfAny(userId, groupIds) {
      for (const groupId of groupIds) if ((await members(groupId)).includes(userId)) return true;
      return false;
    },
  };
}
