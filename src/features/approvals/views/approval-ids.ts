/** Ids the approval messages and modal share with their listeners. */

/** The Approve button; its value is the request ID. */
export const APPROVE_ACTION = 'approval_approve_action';
/** The Reject button; opens the reason modal. Its value is the request ID. */
export const REJECT_ACTION = 'approval_reject_action';
/** The actions block of a pending request message. */
export const DECISION_BLOCK = 'approval_decision_block';

/** The Reject modal: an optional reason, then the decision. */
export const REJECT_MODAL = 'approval_reject_modal';
export const REJECT_REASON_BLOCK = 'approval_reason_block';
export const REJECT_REASON_INPUT = 'approval_reason_input';
/** Longest reason kept (the audit stream and the message show it whole). */
export const REJECT_REASON_MAX = 500;
