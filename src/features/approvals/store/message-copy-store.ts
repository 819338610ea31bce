/**
 * The messages that show a request: its first post, made once across replicas (a claim in Redis on
 * Redis' clock, extended while the post waits its turn), the copies it made, which copies must show a
 * newer version (`dirty`, finished by the poller), and the reminder and escalation replies in their
 * threads, each sent once (marked before sending, unmarked when nobody could be reached).
 */
import { randomBytes } from 'node:crypto';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { copyMember } from './approval-hash.js';
import { approvalKeys } from './approval-keys.js';
import type { MessageCopy } from './approval-request-types.js';
import { CLAIM_POST, EXTEND_POST_CLAIM, MARK_ONCE, RECORD_POSTED } from './approval-scripts.js';

/** The once-only thread replies of a pending request. */
export type ThreadMark = 'remindedAt' | 'escalatedAt';

export interface MessageCopyStore {
  /** A claim token when this caller must make the first post now (claimed for `claimMs`), else undefined. */
  claimPost(id: string, claimMs: number): Promise<string | undefined>;
  /** Keeps a post claim for `claimMs` more while its holder waits to post; false once lost or posted. */
  extendPostClaim(id: string, token: string, claimMs: number): Promise<boolean>;
  recordPosted(id: string, copies: readonly MessageCopy[], now: number): Promise<void>;
  /** Remembers that the copies of a request must show its latest version. */
  markDirty(id: string): Promise<void>;
  /** Forgets the mark when `version` is still the latest. */
  markRendered(id: string, version: number): Promise<void>;
  dirtyIds(): Promise<string[]>;
  /** Sets `remindedAt` / `escalatedAt` once, while pending; false when already set. */
  markOnce(id: string, field: ThreadMark, now: number): Promise<boolean>;
  unmark(id: string, field: ThreadMark): Promise<void>;
}

export function createMessageCopyStore(redis: RedisClient, keys: Keys): MessageCopyStore {
  const k = approvalKeys(keys);
  return {
    claimPost: (id, claimMs) =>
      withState(async () => {
        const token = randomBytes(8).toString('hex');
        const won = (await redis.eval(CLAIM_POST, 1, k.hash(id), String(claimMs), token)) === 1;
        return won ? token : undefined;
      }),

    extendPostClaim: (id, token, claimMs) =>
      withState(
        async () => (await redis.eval(EXTEND_POST_CLAIM, 1, k.hash(id), token, String(claimMs))) === 1,
      ),

    recordPosted: (id, copies, now) =>
      withState(async () => {
        await redis.eval(RECORD_POSTED, 2, k.hash(id), k.copies(id), String(now), ...copies.map(copyMember));
      }),

    markDirty: (id) =>
      withState(async () => {
        await redis.sadd(k.dirty, id);
      }),

    markRendered: (id, version) =>
      withState(async () => {
        const current = await redis.hget(k.hash(id), 'version');
        if (current === null || Number(current) <= version) await redis.srem(k.dirty, id);
      }),

    dirtyIds: () => withState(() => redis.smembers(k.dirty)),

    markOnce: (id, field, now) =>
      withState(async () => (await redis.eval(MARK_ONCE, 1, k.hash(id), field, String(now))) === 1),

    unmark: (id, field) =>
      withState(async () => {
        await redis.hdel(k.hash(id), field);
      }),
  };
}
