/**
 * An approval request as the bot sees it: one per (project, service, endpoint), its states, the message
 * copies that show it, and the workflow steps waiting on it. Stored by the stores of `approval-stores.ts`.
 */
import type { PortMapping } from '../../../cloud/types.js';

export const APPROVAL_STATES = ['pending', 'deciding', 'approved', 'rejected', 'resolved_elsewhere'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export type FinalState = Extract<ApprovalState, 'approved' | 'rejected' | 'resolved_elsewhere'>;
export type DecisionAction = 'approve' | 'reject';

/** One place a request message was posted (channel post, DM, or a workflow's message). */
export interface MessageCopy {
  readonly channel: string;
  readonly ts: string;
}

/** A workflow that asked for this connection: who asked and why (shown in the message). */
export interface WorkflowNote {
  /** Who the workflow names as requester: its author's word, not Slack's (see `workflow.ts`). */
  readonly requester?: string;
  /** The requester owned the service or was an admin as the step started, so it does not bar them. */
  readonly requesterMayDecide?: boolean;
  /**
   * Slack could not name the owner groups as the step started, so whether the requester may decide is
   * not settled yet: it is, as soon as their membership is known (the poller, or their own click), and
   * then kept (`requesterMayDecide`, or a bar).
   */
  readonly requesterUnchecked?: boolean;
  readonly reason?: string;
}

/** A custom step execution waiting for the decision; its token never leaves Redis and the Web API. */
export interface WaitingExecution {
  readonly executionId: string;
  readonly functionToken: string;
  readonly requester?: string;
}

export interface ApprovalRequest {
  readonly id: string;
  readonly projectId: string;
  readonly serviceId: string;
  /** The cloud's full name (`region.name.id`). */
  readonly serviceName: string;
  readonly endpointId: string;
  /** The consumer's account. */
  readonly domainId: string | undefined;
  readonly markerId: string | undefined;
  /** When the consumer asked (the connection's `created_at`), ISO-8601. */
  readonly requestedAt: string | undefined;
  readonly ports: readonly PortMapping[];
  /** Who noticed it first. */
  readonly origin: 'poller' | 'workflow';
  readonly createdAt: number;
  readonly postedAt: number | undefined;
  readonly state: ApprovalState;
  /** Grows with every change; message renders compare it. */
  readonly version: number;
  /** While `deciding`: who, what, until when (ms on Redis' clock, see `DecisionLeaseStore.time`). */
  readonly lease:
    | {
        readonly token: string;
        readonly until: number;
        readonly by: string;
        readonly action: DecisionAction;
        readonly reason: string | undefined;
      }
    | undefined;
  readonly decidedBy: string | undefined;
  readonly decidedAt: number | undefined;
  readonly reason: string | undefined;
  /** For `resolved_elsewhere`: the connection's status the cloud reported, or `gone`. */
  readonly observedStatus: string | undefined;
  /** The last failed decision's message, shown with the buttons kept. */
  readonly lastError: string | undefined;
  readonly remindedAt: number | undefined;
  readonly escalatedAt: number | undefined;
  readonly workflow: readonly WorkflowNote[];
  readonly copies: readonly MessageCopy[];
}

/** What the poller or a workflow knows when it first sees a pending connection. */
export interface NewApprovalRequest {
  readonly projectId: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly endpointId: string;
  readonly domainId?: string | undefined;
  readonly markerId?: string | undefined;
  readonly requestedAt?: string | undefined;
  readonly ports: readonly PortMapping[];
  readonly origin: 'poller' | 'workflow';
}

export const OPEN_STATES: ReadonlySet<ApprovalState> = new Set(['pending', 'deciding']);

/** Whether a request still waits for a decision. */
export function isOpen(request: Pick<ApprovalRequest, 'state'>): boolean {
  return OPEN_STATES.has(request.state);
}
