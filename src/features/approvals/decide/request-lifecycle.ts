/**
 * What the decider, the poller and a joining workflow share about a request and its connection: the
 * request a pending connection makes, what each decision means in the cloud and in Redis, the audit entry
 * of a request, and what follows a final state (every copy re-rendered, waiting steps completed).
 */
import type { Connection, ConnectionAction, EndpointService } from '../../../cloud/types.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import type {
  ApprovalRequest,
  DecisionAction,
  FinalState,
  NewApprovalRequest,
} from '../store/approval-request-types.js';
import { completeExecutions } from '../workflow/step-completion.js';
import { refreshCopies } from './request-delivery.js';

/** The request a pending connection makes. */
export function newRequestOf(
  projectId: string,
  service: Pick<EndpointService, 'id' | 'serviceName' | 'ports'>,
  connection: Pick<Connection, 'endpointId' | 'domainId' | 'markerId' | 'createdAt'>,
  origin: NewApprovalRequest['origin'],
): NewApprovalRequest {
  return {
    projectId,
    serviceId: service.id,
    serviceName: service.serviceName,
    endpointId: connection.endpointId,
    domainId: connection.domainId,
    markerId: connection.markerId,
    requestedAt: connection.createdAt,
    ports: service.ports,
    origin,
  };
}

/** The cloud's action for each decision. */
export const CLOUD_ACTION: Record<DecisionAction, ConnectionAction> = {
  approve: 'receive',
  reject: 'reject',
};
/** The connection status each decision leads to. */
export const TARGET_STATUS: Record<DecisionAction, string> = { approve: 'accepted', reject: 'rejected' };
/** The request's final state after each decision. */
export const DECIDED_STATE: Record<DecisionAction, Extract<FinalState, 'approved' | 'rejected'>> = {
  approve: 'approved',
  reject: 'rejected',
};

/** A connection's status as a decision sees it: `creating` comes right after an acceptance. */
export function settledStatus(status: string): string {
  return status === 'creating' ? 'accepted' : status;
}

/** Appends the audit entry of something that happened to a request; a failure is logged, never thrown. */
export async function auditRequest(
  deps: Pick<ApprovalDeps, 'audit' | 'logger'>,
  request: ApprovalRequest,
  entry: { action: string; actor: string; detail?: string | undefined },
): Promise<void> {
  await deps.audit
    .append({
      action: entry.action,
      actor: entry.actor,
      projectId: request.projectId,
      serviceId: request.serviceId,
      endpointId: request.endpointId,
      ...(entry.detail ? { detail: entry.detail } : {}),
    })
    .catch((err: unknown) =>
      deps.logger.error({ err, requestId: request.id, action: entry.action }, 'could not audit'),
    );
}

/** After a final state: every copy shows it, and the workflow steps waiting on it end. */
export async function afterFinal(deps: ApprovalDeps, id: string): Promise<void> {
  await refreshCopies(deps, id);
  await completeExecutions(deps, id);
}
