/**
 * Deciding a request once, whatever the clicks, retries or replicas: compare-and-set pending -> deciding
 * with a lease on Redis' clock (in Lua), renewed while the cloud call runs, then a final state fenced by
 * the lease token, or back to pending after a failed call. The poller settles a lapsed lease with
 * `lapsedBefore` (see `FinishInput`).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { approvalKeys } from './approval-keys.js';
import { unindexRequest } from './approval-request-store.js';
import {
  APPROVAL_STATES,
  type ApprovalState,
  type DecisionAction,
  type FinalState,
} from './approval-request-types.js';
import { ABORT_DECISION, BEGIN_DECISION, FINISH, RENEW_LEASE } from './approval-scripts.js';

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

export interface DecisionLeaseStore {
  /** Redis' clock in ms: the clock of every lease and claim, whatever the replicas' clocks say. */
  time(): Promise<number>;
  /** pending -> deciding, with a lease of `leaseMs` on Redis' clock. */
  beginDecision(
    id: string,
    input: { userId: string; action: DecisionAction; reason?: string; leaseMs: number },
  ): Promise<BeginResult>;
  /** Keeps a deciding lease for `leaseMs` more; false when it is no longer this token's. */
  renewLease(id: string, token: string, leaseMs: number): Promise<boolean>;
  /** The final state; a request made final leaves the open indexes. */
  finish(id: string, input: FinishInput): Promise<FinishResult>;
  /**
   * Back to pending after a failed cloud call; false when the lease is no longer ours. The poller
   * passes `lapsedBefore` (see `FinishInput`).
   */
  abort(id: string, token: string, error?: string, lapsedBefore?: number): Promise<boolean>;
}

export function createDecisionLeaseStore(redis: RedisClient, keys: Keys): DecisionLeaseStore {
  const k = approvalKeys(keys);
  return {
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
          k.hash(id),
          k.requesters(id),
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
      withState(async () => (await redis.eval(RENEW_LEASE, 1, k.hash(id), token, String(leaseMs))) === 1),

    finish: (id, input) =>
      withState(async () => {
        const result = (await redis.eval(
          FINISH,
          4,
          k.hash(id),
          k.copies(id),
          k.execs(id),
          k.requesters(id),
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
          const [projectId, serviceId] = await redis.hmget(k.hash(id), 'projectId', 'serviceId');
          await unindexRequest(redis, k, id, projectId ?? undefined, serviceId ?? undefined);
        }
        return result as FinishResult;
      }),

    abort: (id, token, error, lapsedBefore) =>
      withState(
        async () =>
          (await redis.eval(
            ABORT_DECISION,
            1,
            k.hash(id),
            token,
            error ?? '',
            lapsedBefore === undefined ? '' : String(lapsedBefore),
          )) === 1,
      ),
  };
}
