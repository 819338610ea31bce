/**
 * What the bot knows about an endpoint service beyond the cloud: its owners (Slack users and user
 * groups), its approval channel, and who created it where. Kept without expiry while the service exists.
 * The service's name, once the bot has seen it, is kept too, with a per-project index by name, so a
 * right asked for by name can be decided from Redis alone.
 */
import { z } from 'zod';
import type { Keys } from '../redis/keys.js';
import { type RedisClient, withState } from '../redis/redis-connection.js';

export const ownersSchema = z.object({
  users: z.array(z.string()).default([]),
  groups: z.array(z.string()).default([]),
});
export type Owners = z.infer<typeof ownersSchema>;

export const serviceRecordSchema = z.object({
  projectId: z.string(),
  serviceId: z.string(),
  owners: ownersSchema,
  approvalChannel: z.string().optional(),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
  /** The channel `/vpcep create` ran in, where the new service was announced. */
  announceChannel: z.string().optional(),
  /** Slack user ID of whoever last changed the owners. */
  ownersChangedBy: z.string().optional(),
  /** The name the service had when the bot last saw it (the cloud's `name`, not the full name). */
  name: z.string().optional(),
  /** The create attempt (`team:user:id`) that made the service and wrote this record first. */
  createdByAttempt: z.string().optional(),
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export interface ServiceRecords {
  get(projectId: string, serviceId: string): Promise<ServiceRecord | undefined>;
  /** Several at once (missing ones are left out). */
  getMany(refs: readonly { projectId: string; serviceId: string }[]): Promise<Map<string, ServiceRecord>>;
  put(record: ServiceRecord): Promise<void>;
  /**
   * Writes the record of a service its create attempt made: only when the service has no record yet,
   * or the record is that attempt's own (a resumed attempt writing again). Someone else's record is
   * never overwritten: then nothing is written and the answer is `taken`.
   */
  putCreated(record: ServiceRecord & { readonly createdByAttempt: string }): Promise<'written' | 'taken'>;
  remove(projectId: string, serviceId: string): Promise<void>;
  /** Every record of a project. */
  list(projectId: string): Promise<ServiceRecord[]>;
  /** The records of a project whose service was last seen with this name (case-insensitive). */
  findByName(projectId: string, name: string): Promise<ServiceRecord[]>;
  /**
   * Remembers the service's current name on its record and in the name index (nothing when there is
   * no record, or the name is already known). A record changed meanwhile is left as it is.
   */
  rememberName(projectId: string, serviceId: string, name: string | undefined): Promise<void>;
}

/** The map key `getMany` uses. */
export const recordRef = (projectId: string, serviceId: string) => `${projectId}/${serviceId}`;

/** Sets a key only while it still holds the value read before (compare and set). */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export function createServiceRecords(redis: RedisClient, keys: Keys): ServiceRecords {
  const recordKey = (projectId: string, serviceId: string) => keys.key('svc', projectId, serviceId);
  const indexKey = (projectId: string) => keys.key('svc-index', projectId);
  const nameKey = (projectId: string, name: string) => keys.key('svc-name', projectId, name.toLowerCase());
  const parse = (raw: string | null) => (raw ? serviceRecordSchema.parse(JSON.parse(raw)) : undefined);
  /** Moves the service in the name index from `before` to `after`. */
  async function reindex(record: ServiceRecord, before: string | undefined, after: string | undefined) {
    const same = (before ?? '').toLowerCase() === (after ?? '').toLowerCase();
    if (before && !same) await redis.srem(nameKey(record.projectId, before), record.serviceId);
    if (after) await redis.sadd(nameKey(record.projectId, after), record.serviceId);
  }
  return {
    get: (projectId, serviceId) =>
      withState(async () => parse(await redis.get(recordKey(projectId, serviceId)))),
    getMany: (refs) =>
      withState(async () => {
        const out = new Map<string, ServiceRecord>();
        if (refs.length === 0) return out;
        const raws = await Promise.all(refs.map((r) => redis.get(recordKey(r.projectId, r.serviceId))));
        raws.forEach((raw, i) => {
          const record = parse(raw);
          const ref = refs[i];
          if (record && ref) out.set(recordRef(ref.projectId, ref.serviceId), record);
        });
        return out;
      }),
    put: (record) =>
      withState(async () => {
        const key = recordKey(record.projectId, record.serviceId);
        const before = parse(await redis.get(key));
        // The name is the cloud's: a record written without one keeps the name already known.
        const valid = serviceRecordSchema.parse({
          ...record,
          ...(record.name === undefined && before?.name ? { name: before.name } : {}),
        });
        await redis.set(key, JSON.stringify(valid));
        await redis.sadd(indexKey(valid.projectId), valid.serviceId);
        await reindex(valid, before?.name, valid.name);
      }),
    putCreated: (record) =>
      withState(async () => {
        const key = recordKey(record.projectId, record.serviceId);
        // Someone writing the record between the read and the write: read again and decide again.
        for (let tries = 0; tries < 5; tries++) {
          const raw = await redis.get(key);
          const before = parse(raw);
          if (before && before.createdByAttempt !== record.createdByAttempt) return 'taken';
          // The attempt's own record, written before it was resumed: kept as it is now (its owners
          // may have been changed since).
          const valid = before ?? serviceRecordSchema.parse(record);
          if (!before && (await redis.set(key, JSON.stringify(valid), 'NX')) !== 'OK') continue;
          await redis.sadd(indexKey(valid.projectId), valid.serviceId);
          await reindex(valid, undefined, valid.name);
          return 'written';
        }
        throw new Error(`the record of ${record.serviceId} kept changing while it was written`);
      }),
    remove: (projectId, serviceId) =>
      withState(async () => {
        const before = parse(await redis.get(recordKey(projectId, serviceId)));
        await redis.del(recordKey(projectId, serviceId));
        await redis.srem(indexKey(projectId), serviceId);
        if (before?.name) await redis.srem(nameKey(projectId, before.name), serviceId);
      }),
    list: (projectId) =>
      withState(async () => {
        const ids = await redis.smembers(indexKey(projectId));
        const raws = await Promise.all(ids.map((id) => redis.get(recordKey(projectId, id))));
        return raws.flatMap((raw) => {
          const record = parse(raw);
          return record ? [record] : [];
        });
      }),
    findByName: (projectId, name) =>
      withState(async () => {
        const wanted = name.toLowerCase();
        const ids = await redis.smembers(nameKey(projectId, name));
        const raws = await Promise.all(ids.map((id) => redis.get(recordKey(projectId, id))));
        const found: ServiceRecord[] = [];
        for (const [i, raw] of raws.entries()) {
          const record = parse(raw);
          if (record?.name?.toLowerCase() === wanted) found.push(record);
          // Renamed or gone since: the index entry is stale.
          else if (!record || record.name !== undefined)
            await redis.srem(nameKey(projectId, name), ids[i] ?? '');
        }
        return found;
      }),
    rememberName: (projectId, serviceId, name) =>
      withState(async () => {
        const key = recordKey(projectId, serviceId);
        const raw = await redis.get(key);
        const before = parse(raw);
        if (!raw || !before || before.name === name) return;
        const { name: _old, ...rest } = before;
        const next = serviceRecordSchema.parse(name === undefined ? rest : { ...rest, name });
        if ((await redis.eval(COMPARE_AND_SET, 1, key, raw, JSON.stringify(next))) !== 1) return;
        await reindex(next, before.name, name);
      }),
  };
}
