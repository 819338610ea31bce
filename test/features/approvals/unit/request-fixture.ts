/** An approval request as the store returns it, for the pure renderers: pending, undecided, no copies. */
import type { ApprovalRequest } from '#src/features/approvals/store/approval-request-types.js';

type Identity = Pick<
  ApprovalRequest,
  'id' | 'projectId' | 'serviceId' | 'serviceName' | 'endpointId' | 'domainId' | 'ports' | 'createdAt'
>;

/** A pending request with `fields` (its identity and anything else a test needs). */
export function pendingRequest(fields: Identity & Partial<ApprovalRequest>): ApprovalRequest {
  return {
    markerId: undefined,
    requestedAt: undefined,
    origin: 'poller',
    postedAt: fields.createdAt,
    state: 'pending',
    version: 1,
    lease: undefined,
    decidedBy: undefined,
    decidedAt: undefined,
    reason: undefined,
    observedStatus: undefined,
    lastError: undefined,
    remindedAt: undefined,
    escalatedAt: undefined,
    workflow: [],
    copies: [],
    ...fields,
  };
}
