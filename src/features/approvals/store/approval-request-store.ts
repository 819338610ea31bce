/**
 * Approval requests in Redis: one per (project, service, endpoint), created once (`SET NX` semantics in
 * a script), read whole (the hash and its copies), and listed through the open and per-service indexes.
 * Deciding one is `decision-lease-store.ts`; its messages `message-copy-store.ts`; the workflow steps
 * waiting on it `workflow-wait-store.ts`. Decided requests expire after 90 days.
 */
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { newRequestFields, toRequest } from './approval-hash.js';
import { type ApprovalKeys, approvalKeys } from './approval-keys.js';
import {
  type ApprovalRequest,
  type ApprovalState,
  isOpen,
  type NewApprovalRequest,
  OPEN_STATES,
} from './approval-request-types.js';
import { CREATE } from './approval-scripts.js';

export interface ApprovalRequestStore {
  /** The request ID of a connection: `project:service:endpoint`. */
  requestId(projectId: string, serviceId: string, endpointId: string): string;
  /** Creates the request unless it exists; true when this call created it. */
  create(input: NewApprovalRequest, now: number): Promise<boolean>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /** Open (pending or deciding) requests, oldest first. */
  listOpen(): Promise<ApprovalRequest[]>;
  /** Open requests of one service, oldest first (for `/vpcep show` and App Home). */
  listOpenForService(projectId: string, serviceId: string): Promise<ApprovalRequest[]>;
  /**
   * Pending requests `userId` may decide, oldest first (App Home). `mayDecide` is the rights check
   * (see `decide/approval-rights.ts`); workflow requesters are left out here already.
   */
  listPendingDecidableBy(
    userId: string,
    mayDecide: (request: ApprovalRequest, userId: string) => Promise<boolean>,
  ): Promise<ApprovalRequest[]>;
  /** Drops the open-index entries of a request that is final (the poller's repair). */
  unindex(id: string, projectId?: string, serviceId?: string): Promise<void>;
  /** Drops every index entry of a request whose keys expired. */
  forget(id: string): Promise<void>;
}

/** Drops a request from the open indexes (also done when a decision makes it final). */
export async function unindexRequest(
  redis: RedisClient,
  k: ApprovalKeys,
  id: string,
  projectId?: string,
  serviceId?: string,
): Promise<void> {
  await redis.zrem(k.open, id);
  if (projectId && serviceId) await redis.srem(k.service(projectId, serviceId), id);
}

export function createApprovalRequestStore(redis: RedisClient, keys: Keys): ApprovalRequestStore {
  const k = approvalKeys(keys);
  const requestId = (projectId: string, serviceId: string, endpointId: string) =>
    `${projectId}:${serviceId}:${endpointId}`;

  async function get(id: string): Promise<ApprovalRequest | undefined> {
    const [raw, copies] = await Promise.all([redis.hgetall(k.hash(id)), redis.smembers(k.copies(id))]);
    return toRequest(raw, copies);
  }

  async function getMany(ids: readonly string[]): Promise<ApprovalRequest[]> {
    const found = await Promise.all(ids.map((id) => get(id)));
    return found.flatMap((r) => (r ? [r] : []));
  }

  return {
    requestId,

    create: (input, now) =>
      withState(async () => {
        const id = requestId(input.projectId, input.serviceId, input.endpointId);
        const fields = newRequestFields(id, input, now);
        const created = (await redis.eval(CREATE, 1, k.hash(id), ...Object.entries(fields).flat())) === 1;
        // Indexes are idempotent: whoever sees the request open makes sure it is listed.
        const current = created ? undefined : await redis.hget(k.hash(id), 'state');
        if (created || (current && OPEN_STATES.has(current as ApprovalState))) {
          await redis.zadd(k.open, 'NX', now, id);
          await redis.sadd(k.service(input.projectId, input.serviceId), id);
        }
        return created;
      }),

    get: (id) => withState(() => get(id)),

    listOpen: () => withState(async () => getMany(await redis.zrange(k.open, 0, -1))),

    listOpenForService: (projectId, serviceId) =>
      withState(async () => {
        const requests = await getMany(await redis.smembers(k.service(projectId, serviceId)));
        return requests.filter(isOpen).sort((a, b) => a.createdAt - b.createdAt);
      }),

    listPendingDecidableBy: (userId, mayDecide) =>
      withState(async () => {
        const open = await getMany(await redis.zrange(k.open, 0, -1));
        const requesters = await Promise.all(open.map((r) => redis.sismember(k.requesters(r.id), userId)));
        const candidates = open.filter((r, i) => r.state === 'pending' && requesters[i] === 0);
        const allowed = await Promise.all(candidates.map((r) => mayDecide(r, userId)));
        return candidates.filter((_, i) => allowed[i]);
      }),

    unindex: (id, projectId, serviceId) =>
      withState(() => unindexRequest(redis, k, id, projectId, serviceId)),

    forget: (id) =>
      withState(async () => {
        await redis.zrem(k.open, id);
        await redis.srem(k.dirty, id);
        await redis.srem(k.withExecs, id);
      }),
  };
}
