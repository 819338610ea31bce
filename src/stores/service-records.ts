/**
 * What the bot knows about an endpoint service beyond the cloud: its owners (Slack users and user
 * groups), its approval channel, and who created it where. Kept without expiry while the service exists.
 */
import { z } from 'zod';
import type { Keys } from './keys.js';
import { type RedisClient, withState } from './redis-connection.js';

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
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export interface ServiceRecords {
  get(projectId: string, serviceId: string): Promise<ServiceRecord | undefined>;
  /** Several at once (missing ones are left out). */
  getMany(refs: readonly { projectId: string; serviceId: string }[]): Promise<Map<string, ServiceRecord>>;
  put(record: ServiceRecord): Promise<void>;
  remove(projectId: string, serviceId: string): Promise<void>;
  /** Every record of a project. */
  list(projectId: string): Promise<ServiceRecord[]>;
}

/** The map key `getMany` uses. */
export const recordRef = (projectId: string, serviceId: string) => `${projectId}/${serviceId}`;

export function createServiceRecords(redis: RedisClient, keys: Keys): ServiceRecords {
  const recordKey = (projectId: string, serviceId: string) => keys.key('svc', projectId, serviceId);
  const indexKey = (projectId: string) => keys.key('svc-index', projectId);
  const parse = (raw: string | null) => (raw ? serviceRecordSchema.parse(JSON.parse(raw)) : undefined);
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
        const valid = serviceRecordSchema.parse(record);
        await redis.set(recordKey(valid.projectId, valid.serviceId), JSON.stringify(valid));
        await redis.sadd(indexKey(valid.projectId), valid.serviceId);
      }),
    remove: (projectId, serviceId) =>
      withState(async () => {
        await redis.del(recordKey(projectId, serviceId));
        await redis.srem(indexKey(projectId), serviceId);
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
  };
}
