/**
 * What other features may use of approvals: the request store (management shows pending requests), who may
 * decide one.
 */
export { mayDecide } from './decide/approval-rights.js';
export { type ApprovalRequestStore, createApprovalRequestStore } from './store/approval-request-store.js';
export type { ApprovalRequest } from './store/approval-request-types.js';
