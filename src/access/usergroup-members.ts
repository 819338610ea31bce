/**
 * Members of Slack user groups, resolved with `usergroups.users.list` (a Tier 2 method) and cached in
 * Redis for all replicas. Every cache window is a Redis TTL, so it runs on Redis' clock whatever the
 * replicas' clocks say.
 *
 * Rights decisions (approve, reject, edit, delete, owners, whitelist) use only a list Slack gave within
 * the fresh window (`SLACK_GROUP_CACHE_SECONDS`). When Slack cannot answer, membership is unknown and the
 * decision is refused with `UsergroupMembersUnknownError`: an old list would let a removed member decide.
 * A failed look-up is remembered briefly, so made-up group IDs cannot spend Slack's rate limit.
 *
 * Only callers that choose `lastKnown` (who to notify, whether to let someone start a create form) fall
 * back to the last list Slack gave, up to 7 days old. A caller that must answer Slack within 3 s (an ack)
 * bounds the wait with `maxWaitMs`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import { code } from '../domain/mrkdwn.js';
import { AppError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Keys } from '../redis/keys.js';
import { type RedisClient, withState } from '../redis/redis-connection.js';
import { retryAfterSeconds, slackErrorCode } from '../slack/slack-errors.js';

export interface MembersOptions {
  /**
   * Wait at most this long for Slack. Past it, a `lastKnown` caller gets the last known members while
   * the refresh goes on in the background; otherwise `UsergroupMembersPendingError` (retryable).
   */
  readonly maxWaitMs?: number | undefined;
  /** Accept the last known list (up to 7 days old) when Slack cannot answer. Never for decisions. */
  readonly lastKnown?: boolean | undefined;
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

/** Slack could not name the members just now: a decision that depends on them is refused. */
export class UsergroupMembersUnknownError extends AppError {
  constructor(
    readonly groupId: string,
    cause?: unknown,
  ) {
    super('USERGROUP_MEMBERS_UNKNOWN', `the members of user group ${groupId} are unknown right now`, {
      userMessage: `I could not check whether you belong to the user group ${code(groupId)} that may do this: Slack did not tell me its members just now, and I do not decide on an old list. Nothing was changed. Please try again in a minute; if it keeps happening, ask an owner named as a person, or a bot admin.`,
      retryable: true,
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/** Whether `err` says only that some group's members are unknown right now (a refusal, not a fault). */
export function isMembershipUnknown(err: unknown): boolean {
  return err instanceof UsergroupMembersUnknownError || err instanceof UsergroupMembersPendingError;
}

const late: unique symbol = Symbol('late');

export interface UsergroupMembers {
  /** Member user IDs of a group; see `MembersOptions`. Throws when the members are unknown. */
  members(groupId: string, options?: MembersOptions): Promise<readonly string[]>;
  /**
   * Whether `userId` belongs to any of `groupIds`. A group that names the user answers `true` even when
   * another group is unknown; `false` only when every group is known.
   */
  isMemberOfAny(userId: string, groupIds: readonly string[], options?: MembersOptions): Promise<boolean>;
}

export interface UsergroupMembersOptions {
  /** How long a list Slack gave decides (`SLACK_GROUP_CACHE_SECONDS`). */
  freshSeconds?: number;
  /** How long the last known list is kept for `lastKnown` callers. */
  staleSeconds?: number;
  /** How long a failed look-up is remembered (longer when Slack asks to wait longer). */
  failedSeconds?: number;
}

const DEFAULT_FAILED_SECONDS = 30;
/** The longest a 429's Retry-After may keep a group unknown. */
const MAX_FAILED_SECONDS = 300;

export function createUsergroupMembers(
  client: WebClient,
  redis: RedisClient,
  keys: Keys,
  logger: Logger,
  options: UsergroupMembersOptions = {},
): UsergroupMembers {
  const fresh = Math.max(1, Math.ceil(options.freshSeconds ?? 120));
  const stale = options.staleSeconds ?? 7 * 86_400;
  const failedFor = Math.max(1, Math.ceil(options.failedSeconds ?? DEFAULT_FAILED_SECONDS));
  const freshKey = (id: string) => keys.key('usergroup', id, 'fresh');
  const staleKey = (id: string) => keys.key('usergroup', id, 'members');
  const failedKey = (id: string) => keys.key('usergroup', id, 'failed');

  /**
   * One refresh per group at a time in this process; undefined when Slack did not answer. A refresh
   * that starts just after a failed one finished sees the failure remembered, and does not ask again.
   */
  const refreshing = new Map<string, Promise<readonly string[] | undefined>>();

  async function rememberFailure(groupId: string, err: unknown): Promise<void> {
    const retryAfter = retryAfterSeconds(err) ?? 0;
    const seconds = Math.min(MAX_FAILED_SECONDS, Math.max(failedFor, Math.ceil(retryAfter)));
    try {
      await withState(() => redis.set(failedKey(groupId), slackErrorCode(err) ?? 'error', 'EX', seconds));
    } catch (cacheErr) {
      logger.warn({ err: cacheErr, groupId }, 'could not remember a failed user group look-up');
    }
  }

  function refresh(groupId: string): Promise<readonly string[] | undefined> {
    const running = refreshing.get(groupId);
    if (running) return running;
    const started = (async () => {
      if (await withState(() => redis.exists(failedKey(groupId)))) return undefined;
      let users: string[];
      try {
        users = (await client.usergroups.users.list({ usergroup: groupId })).users ?? [];
      } catch (err) {
        logger.warn({ err, groupId }, 'could not resolve user group members');
        await rememberFailure(groupId, err);
        return undefined;
      }
      try {
        await withState(async () => {
          await redis.set(freshKey(groupId), JSON.stringify(users), 'EX', fresh);
          await redis.set(staleKey(groupId), JSON.stringify(users), 'EX', stale);
          await redis.del(failedKey(groupId));
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

  /** The members Slack gave within the fresh window, or what Slack answers now; undefined = unknown. */
  async function freshMembers(
    groupId: string,
    maxWaitMs: number | undefined,
  ): Promise<readonly string[] | undefined | typeof late> {
    const [cached, failed] = await withState(() =>
      Promise.all([redis.get(freshKey(groupId)), redis.get(failedKey(groupId))]),
    );
    if (cached) return JSON.parse(cached) as string[];
    if (failed) return undefined;
    const loading = refresh(groupId);
    if (maxWaitMs === undefined) return loading;
    return Promise.race([loading, sleep(maxWaitMs).then((): typeof late => late)]);
  }

  async function members(groupId: string, options: MembersOptions = {}): Promise<readonly string[]> {
    const answer = await freshMembers(groupId, options.maxWaitMs);
    if (answer !== late && answer !== undefined) return answer;
    if (!options.lastKnown) {
      logger.info({ groupId, late: answer === late }, 'user group members unknown; the decision is refused');
      if (answer === late) throw new UsergroupMembersPendingError(groupId);
      throw new UsergroupMembersUnknownError(groupId);
    }
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
      let unknown: unknown;
      for (const groupId of groupIds) {
        try {
          if ((await members(groupId, options)).includes(userId)) return true;
        } catch (err) {
          if (!isMembershipUnknown(err)) throw err;
          unknown ??= err;
        }
      }
      if (unknown) throw unknown;
      return false;
    },
  };
}
