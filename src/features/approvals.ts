/**
 * Connection approvals (issue 5): `/vpcep owners`, the poller that turns each pending connection into
 * exactly one approval request, Approve / Reject (with a reason modal), reminders and escalations, and
 * the Workflow Builder step `route_connection_approval`.
 */
import { approvalPollerJob } from '../jobs/approval-poller.js';
import { approveAction } from '../listeners/actions/approval-approve.js';
import { rejectAction } from '../listeners/actions/approval-reject.js';
import { ownersSubcommand } from '../listeners/commands/owners.js';
import { routeConnectionApproval } from '../listeners/functions/route-connection-approval.js';
import { rejectReasonSubmission } from '../listeners/views/approval-reject-reason.js';
import {
  type ApprovalDeps,
  type ApprovalSettings,
  createApprovals,
  createStepCompleter,
} from '../services/approvals/index.js';
import { webClientOptions } from '../slack/web-clients.js';
import { createApprovalStore } from '../stores/approval-requests.js';
import { APPROVE_ACTION, REJECT_ACTION, REJECT_MODAL } from '../ui/approval-ids.js';
import { FUNCTION_ROUTE_APPROVAL } from '../ui/ids.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

/** The approval settings from the configuration. */
export function approvalSettings(core: Core): ApprovalSettings {
  const { approvals, access } = core.config;
  return {
    defaultChannel: approvals.channel,
    admins: access.admins,
    remindAfterMs: approvals.remindAfterSeconds * 1000,
    escalateAfterMs: approvals.escalateAfterSeconds * 1000,
    // A lease that lapses early is safe (the late result still lands); it only makes the message flicker.
    leaseMs: approvals.decisionLeaseSeconds * 1000,
    postClaimMs: 60_000,
    maxDirectMessages: 20,
  };
}

export function approvalDeps(core: Core): ApprovalDeps {
  return {
    store: createApprovalStore(core.redis, core.keys),
    records: core.records,
    permissions: core.permissions,
    usergroups: core.usergroups,
    cloud: core.cloud,
    lookup: core.lookup,
    poster: core.poster,
    audit: core.audit,
    steps: createStepCompleter(webClientOptions(core.config.slack, 5000)),
    logger: core.logger.child({ component: 'approvals' }),
    sandbox: core.sandbox,
    settings: approvalSettings(core),
    now: Date.now,
  };
}

export function approvalsFeature(core: Core): Feature {
  const approvals = createApprovals(approvalDeps(core));
  return {
    name: 'approvals',
    subcommands: new Map([['owners', ownersSubcommand(approvals, core.sandbox)]]),
    register(app) {
      app.action(APPROVE_ACTION, approveAction(approvals, core.logger));
      app.action(REJECT_ACTION, rejectAction(approvals, core.logger, core.sandbox));
      app.view(REJECT_MODAL, rejectReasonSubmission(approvals, core.logger));
      app.function(FUNCTION_ROUTE_APPROVAL, routeConnectionApproval(approvals, core.logger));
    },
    jobs: [approvalPollerJob(approvals, core.config.approvals.pollSeconds * 1000)],
  };
}
