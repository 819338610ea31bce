/**
 * Approval requests in Redis: one per (project, service, endpoint), created once (`SET NX` semantics in
 * a script), decided once (compare-and-set pending -> deciding with a lease, then a fenced final state).
 * Each request is a hash plus its message copies, its waiting workflow executions and their requesters,
 * all under the hash tag `{apr:<id>}`. Indexes (open requests, per service, executions waiting, messages
 * to re-render) are plain sets beside them; they are repaired by the poller, never trusted alone.
 * Decided requests expire after 90 days.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { copyMember, executionValue, newRequestFields, parseExecution, toRequest } from './approval-hash.js';
import {
  APPROVAL_STATES,
  type ApprovalRequest,
  type ApprovalState,
  type DecisionAction,
  type FinalState,
  isOpen,
  type MessageCopy,
  type NewApprovalRequest,
  OPEN_STATES,
  type WaitingExecution,
  type WorkflowNote,
} from './approval-request-types.js';
import {
  ABORT_DECISION,
  ATTACH_EXECUTION,
  BEGIN_DECISION,
  CLAIM_COMPLETION,
  CLAIM_POST,
  CREATE,
  EXTEND_POST_CLAIM,
  FINISH,
  MARK_ONCE,
  RECORD_POSTED,
  RENEW_LEASE,
  SETTLE_REQUESTER,
} from './approval-scripts.js';

export {
  APPROVAL_STATES,
  type ApprovalRequest,
  type ApprovalState,
  type DecisionAction,
  type FinalState,
  isOpen,
  type MessageCopy,
  type NewApprovalRequest,
  type WaitingExecution,
  type WorkflowNote,
} from './approval-request-types.js';

/** Decided requests are kept this long, then expire. */
export const DECIDED_RETENTION_SECONDS = 90 * 86_400;

export type BeginResult =
  | { readonly kind: 'ok'; readonly token: string }
  | { readonly kind: 'self' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'busy'; readonly state: ApprovalState };

export interface FinishInput {
  /** The lease token; omit to finish only from `pending`. */
  readonly token?: string;
  /**
   * For the poller settling another replica's lease: only if that lease ran out before this time
   * (Redis' clock), i.e. it was not renewed since the poller read the cloud.
   */
  readonly lapsedBefore?: number;
  readonly state: FinalState;
  readonly by?: string;
  readonly at: number;
  readonly reason?: string;
  readonly observedStatus?: string;
}

export type FinishResult = 'ok' | 'missing' | ApprovalState;

export interface ApprovalStore {
  /** The request ID of a connection: `project:service:endpoint`. */
  requestId(projectId: string, serviceId: string, endpointId: string): string;
  /** Creates the request unless it exists; true when this call created it. */
  create(input: NewApprovalRequest, now: number): Promise<boolean>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /** Redis' clock in ms: the clock of every lease and claim, whatever the replicas' clocks say. */
  time(): Promise<number>;
  /** pending -> deciding, with a lease of `leaseMs` on Redis' clock. */
  beginDecision(
    id: string,
    input: { userId: string; action: DecisionAction; reason?: string; leaseMs: number },
  ): Promise<BeginResult>;
  /** Keeps a deciding lease for `leaseMs` more; false when it is no longer this token's. */
  renewLease(id: string, token: string, leaseMs: number): Promise<boolean>;
  finish(id: string, input: FinishInput): Promise<FinishResult>;
  /**
   * Back to pending after a failed cloud call; false when the lease is no longer ours. The poller
   * passes `lapsedBefore` (see `FinishInput`).
   */
  abort(id: string, token: string, error?: string, lapsedBefore?: number): Promise<boolean>;
  /** A claim token when this caller must make the first post now (claimed for `claimMs`), else undefined. */
  claimPost(id: string, claimMs: number): Promise<string | undefined>;
  /** Keeps a post claim for `claimMs` more while its holder waits to post; false once lost or posted. */
  extendPostClaim(id: string, token: string, claimMs: number): Promise<boolean>;
  recordPosted(id: string, copies: readonly MessageCopy[], now: number): Promise<void>;
  /** Sets `remindedAt` / `escalatedAt` once, while pending; false when already set. */
  markOnce(id: string, field: 'remindedAt' | 'escalatedAt', now: number): Promise<boolean>;
  unmark(id: string, field: 'remindedAt' | 'escalatedAt'): Promise<void>;
  /** Claims a `function_executed` by execution ID; false for a retry already being handled. */
  claimExecutionEvent(executionId: string, ttlSeconds: number): Promise<boolean>;
  /** Keeps a claimed execution event for `ttlSeconds` more (once it was handled). */
  holdExecutionEvent(executionId: string, ttlSeconds: number): Promise<void>;
  attachExecution(
    id: string,
    execution: WaitingExecution,
    note: WorkflowNote,
  ): Promise<ApprovalState | 'missing'>;
  /**
   * Settles a requester whose right could not be checked as their step started: from now on they may
   * decide (`mayDecide`), or they are barred like a requester checked at once. Settled notes stay.
   */
  settleRequester(id: string, requester: string, mayDecide: boolean): Promise<void>;
  executions(id: string): Promise<WaitingExecution[]>;
  /**
   * Claims one waiting execution for `claimMs` before it is completed, so it is completed once; the
   * execution, or undefined when it is gone or another caller is completing it.
   */
  claimCompletion(id: string, executionId: string, claimMs: number): Promise<WaitingExecution | undefined>;
  /** Gives a completion claim back (the completion failed for a passing reason; try again later). */
  releaseCompletion(id: string, executionId: string): Promise<void>;
  removeExecution(id: string, executionId: string): Promise<void>;
  /** Requests that have executions waiting. */
  idsWithExecutions(): Promise<string[]>;
  /** Remembers that the copies of a request must show its latest version. */
  markDirty(id: string): Promise<void>;
  /** Forgets the mark when `version` is still the latest. */
  markRendered(id: string, version: number): Promise<void>;
  dirtyIds(): Promise<string[]>;
  /** Open (pending or deciding) requests, oldest first. */
  listOpen(): Promise<ApprovalRequest[]>;
  /** Open requests of one service, oldest first (for `/vpcep show` and App Home). */
  listOpenForService(projectId: string, serviceId: string): Promise<ApprovalRequest[]>;
  /**
   * Pending requests `userId` may decide, oldest first (App Home). `mayDecide` is the rights check
   * (see `services/approvals/authorize.ts`); workflow requesters are left out here already.
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

export function createApprovalStore(redis: RedisClient, keys: Keys): ApprovalStore {
  const tag = (id: string) => `{apr:${id}}`;
  const hashKey = (id: string) => keys.key(tag(id));
  const copiesKey = (id: string) => keys.key(tag(id), 'copies');
  const execsKey = (id: string) => keys.key(tag(id), 'execs');
  const completingKey = (id: string, executionId: string) => keys.key(tag(id), 'completing', executionId);
  const requestersKey = (id: string) => keys.key(tag(id), 'requesters');
  const openKey = keys.key('apr-open');
  const serviceKey = (projectId: string, serviceId: string) => keys.key('apr-svc', projectId, serviceId);
  const withExecsKey = keys.key('apr-execs');
  const dirtyKey = keys.key('apr-dirty');
  const execEventKey = (executionId: string) => keys.key('apr-exec', executionId);

  const requestId = (projectId: string, serviceId: string, endpointId: string) =>
    `${projectId}:${serviceId}:${endpointId}`;

  async function get(id: string): Promise<ApprovalRequest | undefined> {
    const [raw, copies] = await Promise.all([redis.hgetall(hashKey(id)), redis.smembers(copiesKey(id))]);
    return toRequest(raw, copies);
  }

  async function getMany(ids: readonly string[]): Promise<ApprovalRequest[]> {
    const found = await Promise.all(ids.map((id) => get(id)));
    return found.flatMap((r) => (r ? [r] : []));
  }

  async function unindex(id: string, projectId?: string, serviceId?: string): Promise<void> {
    await redis.zrem(openKey, id);
    if (projectId && serviceId) await redis.srem(serviceKey(projectId, serviceId), id);
  }

  return {
    requestId,

    create: (input, now) =>
      withState(async () => {
        const id = requestId(input.projectId, input.serviceId, input.endpointId);
        const fields = newRequestFields(id, input, now);
        const created = (await redis.eval(CREATE, 1, hashKey(id), ...Object.entries(fields).flat())) === 1;
        // Indexes are idempotent: whoever sees the request open makes sure it is listed.
        const current = created ? undefined : await redis.hget(hashKey(id), 'state');
        if (created || (current && OPEN_STATES.has(current as ApprovalState))) {
          await redis.zadd(openKey, 'NX', now, id);
          await redis.sadd(serviceKey(input.projectId, input.serviceId), id);
        }
        return created;
      }),

    get: (id) => withState(() => get(id)),

    time: () =>
      withState(async () => {
        const [seconds, micros] = await redis.time();
        return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      }),

    beginDecision: (id, input) =>
      withState(async () => {
        const token = randomBytes(12).toString('hex');
        const result = (await redis.eval(
          BEGIN_DECISION,
          2,
          hashKey(id),
          requestersKey(id),
          input.userId,
          input.action,
          input.reason ?? '',
          token,
          String(input.leaseMs),
        )) as string;
        if (result === 'ok') return { kind: 'ok', token };
        if (result === 'self') return { kind: 'self' };
        if (result === 'missing') return { kind: 'missing' };
        return { kind: 'busy', state: z.enum(APPROVAL_STATES).parse(result) };
      }),

    renewLease: (id, token, leaseMs) =>
      withState(async () => (await redis.eval(RENEW_LEASE, 1, hashKey(id), token, String(leaseMs))) === 1),

    finish: (id, input) =>
      withState(async () => {
        const result = (await redis.eval(
          FINISH,
          4,
          hashKey(id),
          copiesKey(id),
          execsKey(id),
          requestersKey(id),
          input.token ?? '',
          input.state,
          input.by ?? '',
          String(input.at),
          input.reason ?? '',
          String(DECIDED_RETENTION_SECONDS),
          input.observedStatus ?? '',
          input.lapsedBefore === undefined ? '' : String(input.lapsedBefore),
        )) as string;
        if (result === 'ok') {
          const [projectId, serviceId] = await redis.hmget(hashKey(id), 'projectId', 'serviceId');
          await unindex(id, projectId ?? undefined, serviceId ?? undefined);
        }
        return result as FinishResult;
      }),

    abort: (id, token, error, lapsedBefore) =>
      withState(
        async () =>
          (await redis.eval(
            ABORT_DECISION,
            1,
            hashKey(id),
            token,
            error ?? '',
            lapsedBefore === undefined ? '' : String(lapsedBefore),
          )) === 1,
      ),

    claimPost: (id, claimMs) =>
      withState(async () => {
        const token = randomBytes(8).toString('hex');
        const won = (await redis.eval(CLAIM_POST, 1, hashKey(id), String(claimMs), token)) === 1;
        return won ? token : undefined;
      }),

    extendPostClaim: (id, token, claimMs) =>
      withState(
        async () => (await redis.eval(EXTEND_POST_CLAIM, 1, hashKey(id), token, String(claimMs))) === 1,
      ),

    recordPosted: (id, copies, now) =>
      withState(async () => {
        await redis.eval(
          RECORD_POSTED,
          2,
          hashKey(id),
          copiesKey(id),
          String(now),
          ...copies.map(copyMember),
        );
      }),

    markOnce: (id, field, now) =>
      withState(async () => (await redis.eval(MARK_ONCE, 1, hashKey(id), field, String(now))) === 1),

    unmark: (id, field) =>
      withState(async () => {
        await redis.hdel(hashKey(id), field);
      }),

    claimExecutionEvent: (executionId, ttlSeconds) =>
      withState(
        async () => (await redis.set(execEventKey(executionId), '1', 'EX', ttlSeconds, 'NX')) === 'OK',
      ),

    holdExecutionEvent: (executionId, ttlSeconds) =>
      withState(async () => {
        await redis.expire(execEventKey(executionId), ttlSeconds);
      }),

    attachExecution: (id, execution, note) =>
      withState(async () => {
        const state = (await redis.eval(
          ATTACH_EXECUTION,
          3,
          hashKey(id),
          execsKey(id),
          requestersKey(id),
          execution.executionId,
          executionValue(execution),
          execution.requester ?? '',
          JSON.stringify(note),
        )) as string;
        if (state !== 'missing') await redis.sadd(withExecsKey, id);
        return state as ApprovalState | 'missing';
      }),

    settleRequester: (id, requester, mayDecide) =>
      withState(async () => {
        await redis.eval(
          SETTLE_REQUESTER,
          2,
          hashKey(id),
          requestersKey(id),
          requester,
          mayDecide ? '1' : '0',
        );
      }),

    executions: (id) =>
      withState(async () => {
        const raw = await redis.hgetall(execsKey(id));
        return Object.entries(raw).map(([executionId, json]) => parseExecution(executionId, json));
      }),

    claimCompletion: (id, executionId, claimMs) =>
      withState(async () => {
        const json = (await redis.eval(
          CLAIM_COMPLETION,
          2,
          execsKey(id),
          completingKey(id, executionId),
          executionId,
          String(claimMs),
        )) as string | null;
        return json ? parseExecution(executionId, json) : undefined;
      }),

    releaseCompletion: (id, executionId) =>
      withState(async () => {
        await redis.del(completingKey(id, executionId));
      }),

    removeExecution: (id, executionId) =>
      withState(async () => {
        await redis.hdel(execsKey(id), executionId);
        if ((await redis.hlen(execsKey(id))) === 0) await redis.srem(withExecsKey, id);
      }),

    idsWithExecutions: () => withState(() => redis.smembers(withExecsKey)),

    markDirty: (id) =>
      withState(async () => {
        await redis.sadd(dirtyKey, id);
      }),

    markRendered: (id, version) =>
      withState(async () => {
        const current = await redis.hget(hashKey(id), 'version');
        if (current === null || Number(current) <= version) await redis.srem(dirtyKey, id);
      }),

    dirtyIds: () => withState(() => redis.smembers(dirtyKey)),

    listOpen: () => withState(async () => getMany(await redis.zrange(openKey, 0, -1))),

    listOpenForService: (projectId, serviceId) =>
      withState(async () => {
        const requests = await getMany(await redis.smembers(serviceKey(projectId, serviceId)));
        return requests.filter(isOpen).sort((a, b) => a.createdAt - b.createdAt);
      }),

    listPendingDecidableBy: (userId, mayDecide) =>
      withState(async () => {
        const open = await getMany(await redis.zrange(openKey, 0, -1));
        const requesters = await Promise.all(open.map((r) => redis.sismember(requestersKey(r.id), userId)));
        const candidates = open.filter((r, i) => r.state === 'pending' && requesters[i] === 0);
        const allowed = await Promise.all(candidates.map((r) => mayDecide(r, userId)));
        return candidates.filter((_, i) => allowed[i]);
      }),

    unindex: (id, projectId, serviceId) => withState(() => unindex(id, projectId, serviceId)),

    forget: (id) =>
      withState(async () => {
        await redis.zrem(openKey, id);
        await redis.srem(dirtyKey, id);
        await redis.srem(withExecsKey, id);
      }),
  };
}
