/**
 * One decision on one request, taken once whatever the clicks, retries or replicas: authorise by user
 * ID, compare-and-set pending -> deciding (a lease on Redis' clock, in Lua), the cloud action, the fenced
 * final state, the audit entry, every copy updated, and the waiting workflow steps completed. A failed
 * cloud call returns the request to pending with the error shown and the buttons kept.
 *
 * The lease is renewed while the cloud call (and the re-read after a failure) runs, so it never lapses
 * under a live decider however long the cloud takes; it lapses only when this replica dies, or after
 * `decisionBudgetMs`, and then the poller settles the request from the cloud's state (see `poll.ts`).
 * When the outcome is unknown (the call failed and the cloud could not be re-read), the request is not
 * reopened here: reopening while the action may still land would let a second click act again.
 */

import type { Owners } from '../../../access/service-records.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import type { ApprovalRequest, DecisionAction, MessageCopy } from '../store/approval-request-types.js';
import { decideRight } from './approval-rights.js';
import { keepAlive } from './keep-alive.js';
import { refreshCopies } from './request-delivery.js';
import {
  afterFinal,
  auditRequest,
  CLOUD_ACTION,
  DECIDED_STATE,
  settledStatus,
  TARGET_STATUS,
} from './request-lifecycle.js';

export interface DecisionInput {
  readonly requestId: string;
  readonly userId: string;
  readonly action: DecisionAction;
  readonly reason?: string;
  /** The request message the click came from, when known: kept current even if it was never recorded. */
  readonly message?: MessageCopy;
}

export type DecisionOutcome =
  | { readonly kind: 'decided'; readonly request: ApprovalRequest }
  | { readonly kind: 'not_found' }
  | {
      readonly kind: 'not_allowed';
      readonly why: 'not_owner' | 'requester';
      readonly request: ApprovalRequest;
      readonly owners: Owners | undefined;
    }
  | { readonly kind: 'already'; readonly request: ApprovalRequest }
  | { readonly kind: 'failed'; readonly request: ApprovalRequest; readonly message: string }
  /** The cloud took this action, but meanwhile the request was settled otherwise (another decision). */
  | { readonly kind: 'superseded'; readonly request: ApprovalRequest }
  /** The cloud call failed and the cloud could not be re-read: the poller settles it from the cloud. */
  | { readonly kind: 'unconfirmed'; readonly request: ApprovalRequest; readonly message: string };

/** Before a reject modal opens: may this user decide this request now? */
export type DecisionCheck =
  | Extract<DecisionOutcome, { kind: 'not_found' } | { kind: 'not_allowed' } | { kind: 'already' }>
  | {
      readonly kind: 'ok';
      readonly request: ApprovalRequest;
    };

export async function checkDecision(
  deps: ApprovalDeps,
  requestId: string,
  userId: string,
): Promise<DecisionCheck> {
  const request = await deps.requests.get(requestId);
  if (!request) return { kind: 'not_found' };
  return checkRequest(deps, request, userId);
}

async function checkRequest(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  userId: string,
): Promise<DecisionCheck> {
  const right = await decideRight(deps, userId, request);
  if (!right.allowed)
    return {
      kind: 'not_allowed',
      why: right.why,
      request,
      owners: right.why === 'not_owner' ? right.owners : undefined,
    };
  if (request.state !== 'pending') return { kind: 'already', request };
  return { kind: 'ok', request };
}

/** A check that may still be running (a user-group look-up on a cold cache) when it must be answered. */
export type QuickDecisionCheck =
  | DecisionCheck
  | {
      readonly kind: 'checking';
      readonly request: ApprovalRequest;
      /** The full check, for whoever opened something before it finished. */
      readonly result: Promise<DecisionCheck>;
    };

/**
 * The check, answered within `waitMs`: Reject opens its modal with a trigger that dies after 3 s, so a
 * slow rights check (Slack's `usergroups.users.list`) must not hold it. The decision itself checks again.
 */
export async function checkDecisionWithin(
  deps: ApprovalDeps,
  requestId: string,
  userId: string,
  waitMs: number,
): Promise<QuickDecisionCheck> {
  const request = await deps.requests.get(requestId);
  if (!request) return { kind: 'not_found' };
  const result = checkRequest(deps, request, userId);
  // Whoever gets `checking` may never await the result (the modal failed to open): no unhandled rejection.
  result.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    return (await Promise.race([result, late])) ?? { kind: 'checking', request, result };
  } finally {
    clearTimeout(timer);
  }
}

type CloudResult =
  | { readonly kind: 'acted' }
  | { readonly kind: 'not_acted' | 'unknown'; readonly error: unknown };

/**
 * After a failed action call: did it go through anyway (a timeout after the cloud acted)? One re-read of
 * this connection: `unknown` when that fails too.
 */
async function seenAfterFailure(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  action: DecisionAction,
): Promise<'acted' | 'not_acted' | 'unknown'> {
  try {
    const [connection] = await deps.cloud
      .project(request.projectId)
      .listConnections(request.serviceId, { endpointId: request.endpointId });
    return connection && settledStatus(connection.status) === TARGET_STATUS[action] ? 'acted' : 'not_acted';
  } catch (err) {
    deps.logger.warn(
      { err, requestId: request.id },
      'could not re-read the connection after a failed action',
    );
    return 'unknown';
  }
}

async function cloudAction(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  action: DecisionAction,
): Promise<CloudResult> {
  try {
    await deps.cloud
      .project(request.projectId)
      .connectionAction(request.serviceId, request.endpointId, CLOUD_ACTION[action]);
    return { kind: 'acted' };
  } catch (error) {
    const seen = await seenAfterFailure(deps, request, action);
    return seen === 'acted' ? { kind: 'acted' } : { kind: seen, error };
  }
}

/**
 * The cloud phase under the lease: renewed every third of the lease while it runs, for at most
 * `decisionBudgetMs` (a bound far above the cloud client's own worst case of timeouts and retries).
 */
async function underLease(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  token: string,
  action: DecisionAction,
): Promise<CloudResult> {
  const lease = keepAlive(
    (ms) => deps.leases.renewLease(request.id, token, ms),
    deps.settings.leaseMs,
    deps.logger.child({ requestId: request.id }),
    'deciding lease',
    deps.settings.decisionBudgetMs,
  );
  try {
    return await cloudAction(deps, request, action);
  } finally {
    lease.stop();
  }
}

/** Remembers the clicked message as a copy when a failed record left it out, so it is kept current. */
async function adoptCopy(deps: ApprovalDeps, request: ApprovalRequest, message: MessageCopy | undefined) {
  if (!message || request.copies.some((c) => c.channel === message.channel && c.ts === message.ts)) return;
  try {
    await deps.copies.recordPosted(request.id, [message], deps.now());
    deps.logger.info({ requestId: request.id, channel: message.channel }, 'adopted an unrecorded copy');
  } catch (err) {
    deps.logger.warn({ err, requestId: request.id }, 'could not record the clicked copy');
  }
}

/** The audit entry of this decision attempt. */
function auditDecision(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  input: DecisionInput,
  action: string,
  detail?: string,
): Promise<void> {
  return auditRequest(deps, request, { action, actor: input.userId, detail });
}

export async function decide(deps: ApprovalDeps, input: DecisionInput): Promise<DecisionOutcome> {
  const check = await checkDecision(deps, input.requestId, input.userId);
  if (check.kind === 'not_found' || check.kind === 'not_allowed') return check;
  await adoptCopy(deps, check.request, input.message);
  if (check.kind === 'already') {
    if (input.message) await refreshCopies(deps, check.request.id);
    return check;
  }
  const { request } = check;
  const log = deps.logger.child({ requestId: request.id, userId: input.userId, action: input.action });
  const begun = await deps.leases.beginDecision(request.id, {
    userId: input.userId,
    action: input.action,
    ...(input.reason ? { reason: input.reason } : {}),
    leaseMs: deps.settings.leaseMs,
  });
  if (begun.kind === 'missing') return { kind: 'not_found' };
  if (begun.kind === 'self') return { kind: 'not_allowed', why: 'requester', request, owners: undefined };
  if (begun.kind === 'busy') {
    const current = await deps.requests.get(request.id);
    return current ? { kind: 'already', request: current } : { kind: 'not_found' };
  }

  const result = await underLease(deps, request, begun.token, input.action);
  if (result.kind === 'unknown') {
    const message = userMessageOf(result.error);
    log.warn({ err: result.error }, 'the decision is unconfirmed; the poller settles it from the cloud');
    await auditDecision(deps, request, input, `connection.${input.action}_unconfirmed`, message);
    return { kind: 'unconfirmed', request: (await deps.requests.get(request.id)) ?? request, message };
  }
  if (result.kind === 'not_acted') {
    const message = userMessageOf(result.error);
    log.warn({ err: result.error }, 'the cloud refused or failed the decision; back to pending');
    await deps.leases.abort(request.id, begun.token, message);
    await auditDecision(deps, request, input, `connection.${input.action}_failed`, message);
    await refreshCopies(deps, request.id);
    const current = (await deps.requests.get(request.id)) ?? request;
    return { kind: 'failed', request: current, message };
  }

  const state = DECIDED_STATE[input.action];
  const finished = await deps.leases.finish(request.id, {
    token: begun.token,
    state,
    by: input.userId,
    at: deps.now(),
    ...(input.reason ? { reason: input.reason } : {}),
  });
  // The audit entry goes out with the copies' refresh, not before it: in a burst of decisions every
  // round trip before the update is latency. A failed append is logged (see `auditRequest`).
  const audited =
    finished === 'ok'
      ? auditDecision(deps, request, input, `connection.${state}`, input.reason)
      : Promise.resolve();
  if (finished === 'ok') log.info('connection decision taken');
  else log.warn({ finished }, 'the request was settled otherwise while the cloud acted; keeping that');
  await Promise.all([audited, afterFinal(deps, request.id)]);
  const current = (await deps.requests.get(request.id)) ?? request;
  // The poller may have recorded this very decision from the lease (the same person and outcome).
  const ours = current.state === state && current.decidedBy === input.userId;
  if (finished === 'ok' || ours) return { kind: 'decided', request: current };
  await auditDecision(deps, request, input, `connection.${input.action}_superseded`, current.state);
  return { kind: 'superseded', request: current };
}
