/**
 * The Workflow Builder steps waiting on a request: each `function_executed` claimed by execution ID (a
 * retry is ignored), attached to the request with its function token and requester, and completed once
 * (a claim per execution) by whichever replica sees the decision.
 */
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { executionValue, parseExecution } from './approval-hash.js';
import { approvalKeys } from './approval-keys.js';
import type { ApprovalState, WaitingExecution, WorkflowNote } from './approval-request-types.js';
import { ATTACH_EXECUTION, CLAIM_COMPLETION, SETTLE_REQUESTER } from './approval-scripts.js';

export interface WorkflowWaitStore {
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
}

export function createWorkflowWaitStore(redis: RedisClient, keys: Keys): WorkflowWaitStore {
  const k = approvalKeys(keys);
  return {
    claimExecutionEvent: (executionId, ttlSeconds) =>
      withState(
        async () => (await redis.set(k.execEvent(executionId), '1', 'EX', ttlSeconds, 'NX')) === 'OK',
      ),

    holdExecutionEvent: (executionId, ttlSeconds) =>
      withState(async () => {
        await redis.expire(k.execEvent(executionId), ttlSeconds);
      }),

    attachExecution: (id, execution, note) =>
      withState(async () => {
        const state = (await redis.eval(
          ATTACH_EXECUTION,
          3,
          k.hash(id),
          k.execs(id),
          k.requesters(id),
          execution.executionId,
          executionValue(execution),
          execution.requester ?? '',
          JSON.stringify(note),
        )) as string;
        if (state !== 'missing') await redis.sadd(k.withExecs, id);
        return state as ApprovalState | 'missing';
      }),

    settleRequester: (id, requester, mayDecide) =>
      withState(async () => {
        await redis.eval(SETTLE_REQUESTER, 2, k.hash(id), k.requesters(id), requester, mayDecide ? '1' : '0');
      }),

    executions: (id) =>
      withState(async () => {
        const raw = await redis.hgetall(k.execs(id));
        return Object.entries(raw).map(([executionId, json]) => parseExecution(executionId, json));
      }),

    claimCompletion: (id, executionId, claimMs) =>
      withState(async () => {
        const json = (await redis.eval(
          CLAIM_COMPLETION,
          2,
          k.execs(id),
          k.completing(id, executionId),
          executionId,
          String(claimMs),
        )) as string | null;
        return json ? parseExecution(executionId, json) : undefined;
      }),

    releaseCompletion: (id, executionId) =>
      withState(async () => {
        await redis.del(k.completing(id, executionId));
      }),

    removeExecution: (id, executionId) =>
      withState(async () => {
        await redis.hdel(k.execs(id), executionId);
        if ((await redis.hlen(k.execs(id))) === 0) await redis.srem(k.withExecs, id);
      }),

    idsWithExecutions: () => withState(() => redis.smembers(k.withExecs)),
  };
}
