/**
 * Members of Slack user groups, resolved with `usergroups.users.list` (a Tier 2 method) and cached in
 * Redis for all replicas. When Slack cannot answer, the last known list is used, so approvals keep
 * working through a Slack hiccup. A caller that must answer Slack within 3 s (an ack) bounds the wait
 * with `maxWaitMs`: past it, the last known list answers and the refresh goes on in the background.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { Keys } from '../stores/keys.js';
import { type RedisClient, withState } from '../stores/redis-connection.js';

export interface MembersOptions {
  /**
   * Wait at most this long for Slack; then answer from the last known members while the refresh goes
   * on in the background. Without any known list, `UsergroupMembersPendingError` (retryable).
   */
  readonly maxWaitMs?: number | undefined;
}

/** Slack did not name the members in time and none are known yet: try again in a moment. */
export class UsergroupMembersPendingError extends AppError {
  constructor(groupId: string) {
    super('USERGROUP_MEMBERS_PENDING', `the members of user group ${groupId} are not known yet`, {
      userMessage:
        'Slack is slow to tell me who belongs to the user groups allowed to do this. Please try again in a few seconds.',
      retryable: true,
    });
  }
}

const late: unique symbol = Symbol('late');

export interface UsergroupMembers {
  /** Member user IDs of a group; empty when unknown. */
  members(groupId: string, options?: MembersOptions): Promise<readonly string[]>;
  /** Whether `userId` belongs to any of `groupIds`. */
  isMemberOfAny(userId: string, groupIds: readonly string[], options?: MembersOptions): Promise<boolean>;
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

  /** One refresh per group at a time in this process; undefined when Slack did not answer. */
  const refreshing = new Map<string, Promise<readonly string[] | undefined>>();

  function refresh(groupId: string): Promise<readonly string[] | undefined> {
    const running = refreshing.get(groupId);
    if (running) return running;
    const started = (async () => {
      let users: string[];
      try {
        users = (await client.usergroups.users.list({ usergroup: groupId })).users ?? [];
      } catch (err) {
        logger.warn({ err, groupId }, 'could not resolve user group members');
        return undefined;
      }
      try {
        await withState(async () => {
          await redis.set(freshKey(groupId), JSON.stringify(users), 'EX', fresh);
          await redis.set(staleKey(groupId), JSON.stringify(users), 'EX', stale);
        });
      } catch (err) {
        logger.warn({ err, groupId }, 'could not cache user group members');
      }
      return users;
    })().finally(() => refreshing.delete(groupId));
    refreshing.set(groupId, started);
    return started;
  }

  async function lastKnown(groupId: string): Promise<string[] | undefined> {
    const last = await withState(() => redis.get(staleKey(groupId)));
    return last ? (JSON.parse(last) as string[]) : undefined;
  }

  async function members(groupId: string, options: MembersOptions = {}): Promise<readonly string[]> {
    const cached = await withState(() => redis.get(freshKey(groupId)));
    if (cached) return JSON.parse(cached) as string[];
    const loading = refresh(groupId);
    const answer =
      options.maxWaitMs === undefined
        ? await loading
        : await Promise.race([loading, sleep(options.maxWaitMs).then((): typeof late => late)]);
    if (answer !== late && answer !== undefined) return answer;
    const last = await lastKnown(groupId);
    logger.info(
      { groupId, usingLastKnown: Boolean(last), late: answer === late },
      'user group members from the last known list',
    );
    if (last) return last;
    if (answer === late) throw new UsergroupMembersPendingError(groupId);
    return [];
  }

  return {
    members,
    async isMemberOfAny(userId, groupIds, options) {
      for (const groupId of groupIds) if ((await members(groupId, options)).includes(userId)) return true;
      return false;
    },
  };
}
