/**
 * Deletions in progress: the cloud deletes asynchronously (1–2 minutes), so each one started from
 * Slack is kept here until it is followed to the end. A restart or another replica picks it up. The
 * start is claimed once (`SET NX`), so a double click sends one DELETE; the end is claimed once
 * (`DEL` answers 1 to one caller only), so the requester hears about it once. A finished deletion
 * leaves a marker for a while, so a late click on its Confirm hears that the service is gone (its
 * owner record, which the refusal would otherwise talk about, is gone with it).
 */
import { z } from 'zod';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';

export const deletionSchema = z.object({
  projectId: z.string(),
  serviceId: z.string(),
  /** The name (or ID) the requester knows the service by. */
  label: z.string(),
  /** Slack user ID of who asked. */
  requestedBy: z.string(),
  /** Epoch ms. */
  startedAt: z.number(),
});
export type Deletion = z.infer<typeof deletionSchema>;

export interface DeletionStore {
  /**
   * Starts tracking `deletion` unless a deletion of that service is already tracked (`SET NX`):
   * true for the one caller that started it (that caller sends the DELETE), false otherwise.
   */
  start(deletion: Deletion): Promise<boolean>;
  get(projectId: string, serviceId: string): Promise<Deletion | undefined>;
  /** Every deletion in progress. */
  list(): Promise<Deletion[]>;
  /** Ends the tracking; true for the one caller that ended it (that caller reports the outcome). */
  finish(projectId: string, serviceId: string): Promise<boolean>;
  /** Remembers that the service is deleted, with when (epoch ms). */
  markDeleted(projectId: string, serviceId: string, at: number): Promise<void>;
  /** When the service was deleted, if a deletion from Slack finished it lately. */
  deletedAt(projectId: string, serviceId: string): Promise<number | undefined>;
}

/** Tracking outlives any sane deletion; a lost entry must not stay forever. */
const TTL_SECONDS = 86_400;

/** How long a finished deletion is remembered: longer than anyone comes back to a confirmation. */
const DELETED_TTL_SECONDS = 30 * 86_400;

export function createDeletionStore(redis: RedisClient, keys: Keys): DeletionStore {
  const ref = (projectId: string, serviceId: string) => `${projectId}/${serviceId}`;
  const entryKey = (projectId: string, serviceId: string) =>
    keys.key('manage', 'deletion', projectId, serviceId);
  const indexKey = keys.key('manage', 'deletions');
  const deletedKey = (projectId: string, serviceId: string) =>
    keys.key('manage', 'deleted', projectId, serviceId);
  const parse = (raw: string | null) => (raw ? deletionSchema.parse(JSON.parse(raw)) : undefined);
  return {
    start: (deletion) =>
      withState(async () => {
        const valid = deletionSchema.parse(deletion);
        const key = entryKey(valid.projectId, valid.serviceId);
        const set = await redis.set(key, JSON.stringify(valid), 'EX', TTL_SECONDS, 'NX');
        if (set !== 'OK') return false;
        await redis.sadd(indexKey, ref(valid.projectId, valid.serviceId));
        return true;
      }),
    get: (projectId, serviceId) =>
      withState(async () => parse(await redis.get(entryKey(projectId, serviceId)))),
    list: () =>
      withState(async () => {
        const refs = await redis.smembers(indexKey);
        const out: Deletion[] = [];
        for (const member of refs) {
          const [projectId = '', serviceId = ''] = member.split('/');
          const entry = parse(await redis.get(entryKey(projectId, serviceId)));
          if (entry) out.push(entry);
          else await redis.srem(indexKey, member);
        }
        return out;
      }),
    finish: (projectId, serviceId) =>
      withState(async () => {
        const removed = await redis.del(entryKey(projectId, serviceId));
        await redis.srem(indexKey, ref(projectId, serviceId));
        return removed === 1;
      }),
    markDeleted: (projectId, serviceId, at) =>
      withState(async () => {
        await redis.set(deletedKey(projectId, serviceId), String(at), 'EX', DELETED_TTL_SECONDS);
      }),
    deletedAt: (projectId, serviceId) =>
      withState(async () => {
        const at = Number(await redis.get(deletedKey(projectId, serviceId)));
        return Number.isFinite(at) && at > 0 ? at : undefined;
      }),
  };
}
