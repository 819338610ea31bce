/** The four stores of approval requests, built over one Redis client and key prefix. */
import type { Keys } from '../../../redis/keys.js';
import type { RedisClient } from '../../../redis/redis-connection.js';
import { type ApprovalRequestStore, createApprovalRequestStore } from './approval-request-store.js';
import { createDecisionLeaseStore, type DecisionLeaseStore } from './decision-lease-store.js';
import { createMessageCopyStore, type MessageCopyStore } from './message-copy-store.js';
import { createWorkflowWaitStore, type WorkflowWaitStore } from './workflow-wait-store.js';

export interface ApprovalStores {
  readonly requests: ApprovalRequestStore;
  readonly leases: DecisionLeaseStore;
  readonly copies: MessageCopyStore;
  readonly waits: WorkflowWaitStore;
}

export function createApprovalStores(redis: RedisClient, keys: Keys): ApprovalStores {
  return {
    requests: createApprovalRequestStore(redis, keys),
    leases: createDecisionLeaseStore(redis, keys),
    copies: createMessageCopyStore(redis, keys),
    waits: createWorkflowWaitStore(redis, keys),
  };
}
