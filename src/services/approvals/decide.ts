/**
 * One decision on one request, taken once whatever the clicks, retries or replicas: authorise by user
 * ID, compare-and-set pending -> deciding (a lease, in Lua), the cloud action, the fenced final state,
 * the audit entry, every copy updated, and the waiting workflow steps completed. A failed cloud call
 * returns the request to pending with the error shown and the buttons kept.
 */
import type { ConnectionAction } from '../../cloud/types.js';
import { userMessageOf } from '../../errors/app-error.js';
import type { ApprovalRequest, DecisionAction } from '../../stores/approval-requests.js';
import type { Owners } from '../../stores/service-records.js';
import { decideRight } from './authorize.js';
import { refreshCopies } from './delivery.js';
import type { ApprovalDeps } from './deps.js';
import { completeExecutions } from './workflow.js';

export interface DecisionInput {
  readonly requestId: string;
  readonly userId: string;
  readonly action: DecisionAction;
  readonly reason?: string;
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
  | { readonly kind: 'failed'; readonly request: ApprovalRequest; readonly message: string };

/** Before a reject modal opens: may this user decide this request now? */
export type DecisionCheck =
  | Exclude<DecisionOutcome, { kind: 'decided' } | { kind: 'failed' }>
  | {
      readonly kind: 'ok';
      readonly request: ApprovalRequest;
    };

export async function checkDecision(
  deps: ApprovalDeps,
  requestId: string,
  userId: string,
): Promise<DecisionCheck> {
  const request = await deps.store.get(requestId);
  if (!request) return { kind: 'not_found' };
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

const CLOUD_ACTION: Record<DecisionAction, ConnectionAction> = { approve: 'receive', reject: 'reject' };
const TARGET_STATUS: Record<DecisionAction, string> = { approve: 'accepted', reject: 'rejected' };

/**
 * After a failed action call: did it go through anyway (a timeout after the cloud acted)? One re-read
 * of this connection; undefined when that fails too.
 */
async function actedAnyway(deps: ApprovalDeps, request: ApprovalRequest, action: DecisionAction) {
  try {
    const [connection] = await deps.cloud
      .project(request.projectId)
      .listConnections(request.serviceId, { endpointId: request.endpointId });
    const status = connection?.status;
    return status === TARGET_STATUS[action] || (action === 'approve' && status === 'creating');
  } catch {
    return false;
  }
}

async function afterFinal(deps: ApprovalDeps, id: string): Promise<void> {
  await refreshCopies(deps, id);
  await completeExecutions(deps, id);
}

export async function decide(deps: ApprovalDeps, input: DecisionInput): Promise<DecisionOutcome> {
  const check = await checkDecision(deps, input.requestId, input.userId);
  if (check.kind !== 'ok') return check;
  const { request } = check;
  const log = deps.logger.child({ requestId: request.id, userId: input.userId, action: input.action });
  const begun = await deps.store.beginDecision(request.id, {
    userId: input.userId,
    action: input.action,
    ...(input.reason ? { reason: input.reason } : {}),
    leaseUntil: deps.now() + deps.settings.leaseMs,
  });
  if (begun.kind === 'missing') return { kind: 'not_found' };
  if (begun.kind === 'self') return { kind: 'not_allowed', why: 'requester', request, owners: undefined };
  if (begun.kind === 'busy') {
    const current = await deps.store.get(request.id);
    return current ? { kind: 'already', request: current } : { kind: 'not_found' };
  }

  let failure: unknown;
  try {
    await deps.cloud
      .project(request.projectId)
      .connectionAction(request.serviceId, request.endpointId, CLOUD_ACTION[input.action]);
  } catch (err) {
    failure = err;
  }
  if (failure !== undefined && !(await actedAnyway(deps, request, input.action))) {
    const message = userMessageOf(failure);
    log.warn({ err: failure }, 'the cloud refused or failed the decision; back to pending');
    await deps.store.abort(request.id, begun.token, message);
    await deps.audit
      .append({
        action: `connection.${input.action}_failed`,
        actor: input.userId,
        projectId: request.projectId,
        serviceId: request.serviceId,
        endpointId: request.endpointId,
        detail: message,
      })
      .catch((err: unknown) => log.warn({ err }, 'could not audit a failed decision'));
    await refreshCopies(deps, request.id);
    const current = (await deps.store.get(request.id)) ?? request;
    return { kind: 'failed', request: current, message };
  }

  const state = input.action === 'approve' ? 'approved' : 'rejected';
  const at = deps.now();
  const finished = await deps.store.finish(request.id, {
    token: begun.token,
    state,
    by: input.userId,
    at,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  if (finished !== 'ok') log.warn({ finished }, 'the request changed while the cloud acted; keeping it');
  else {
    await deps.audit
      .append({
        action: `connection.${state}`,
        actor: input.userId,
        projectId: request.projectId,
        serviceId: request.serviceId,
        endpointId: request.endpointId,
        ...(input.reason ? { detail: input.reason } : {}),
      })
      .catch((err: unknown) => log.error({ err }, 'could not audit a decision'));
    log.info('connection decision taken');
  }
  await afterFinal(deps, request.id);
  const current = (await deps.store.get(request.id)) ?? request;
  return { kind: 'decided', request: current };
}
