/**
 * What other features may use of approvals: the request store (management shows pending requests), who may
 * decide one, and the one renderer of a request (App Home and `/vpcep show` show the same message).
 */
export { mayDecide } from './decide/approval-rights.js';
export { type ApprovalRequestStore, createApprovalRequestStore } from './store/approval-request-store.js';
export type { ApprovalRequest } from './store/approval-request-types.js';
export { approvalRequestMessage } from './views/approval-request.js';
