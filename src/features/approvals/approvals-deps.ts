/**
 * What the approval use cases need, handed in by the feature (no module reaches for singletons), so
 * tests build them from a real Redis, the sandbox cloud and a fake Slack.
 */

import type { Permissions } from '../../access/permissions.js';
import type { ServiceRecords } from '../../access/service-records.js';
import type { UsergroupMembers } from '../../access/usergroup-members.js';
import type { Cloud } from '../../cloud/index.js';
import type { ServiceLookup } from '../../cloud/service-lookup.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditLog } from '../../redis/audit-log.js';
import type { ApprovalMessages } from './decide/approval-message-port.js';
import type { ApprovalStores } from './store/approval-stores.js';
import type { StepCompleter } from './workflow/step-completion.js';

export interface ApprovalSettings {
  /** `APPROVAL_CHANNEL`: where requests of services without their own channel go. */
  readonly defaultChannel: string | undefined;
  /** `VPCEP_ADMINS`: decide anything; mentioned on escalation. */
  readonly admins: readonly string[];
  readonly remindAfterMs: number;
  readonly escalateAfterMs: number;
  /**
   * How long a `deciding` lease lasts unless renewed; its holder renews it every third of it while the
   * cloud call runs, so it lapses only when the holder dies (or after `decisionBudgetMs`).
   */
  readonly leaseMs: number;
  /**
   * How long after a lease ran out (Redis' clock) the poller still leaves it alone: slack for a late
   * renewal and for an action still on its way to the cloud.
   */
  readonly leaseGraceMs: number;
  /** The longest a decider keeps its lease alive while waiting for the cloud. */
  readonly decisionBudgetMs: number;
  /** How long a claim on the first post lasts unless extended; extended while the post waits its turn. */
  readonly postClaimMs: number;
  /** How long a claim on completing one workflow execution lasts (one Slack call). */
  readonly completionClaimMs: number;
  /** Most DMs one request sends when it has no channel. */
  readonly maxDirectMessages: number;
  /** `APPROVAL_POLL_RATE`: most cloud calls per second one poll makes in one project, evenly spaced. */
  readonly pollRate: number;
}

/** The four approval stores (requests, decision leases, message copies, workflow waits), and the rest. */
export interface ApprovalDeps extends ApprovalStores {
  readonly records: ServiceRecords;
  readonly permissions: Permissions;
  readonly usergroups: UsergroupMembers;
  readonly cloud: Cloud;
  readonly lookup: ServiceLookup;
  /** The request messages (posted, kept current, replied to in their threads). */
  readonly messages: ApprovalMessages;
  readonly audit: AuditLog;
  readonly steps: StepCompleter;
  readonly logger: Logger;
  readonly settings: ApprovalSettings;
  readonly now: () => number;
}
