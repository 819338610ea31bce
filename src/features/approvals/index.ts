/**
 * Connection approvals (issue 5): `/vpcep owners`, the poller that turns each pending connection into
 * exactly one approval request, Approve / Reject (with a reason modal), reminders and escalations, and
 * the Workflow Builder step `route_connection_approval`.
 */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import { FUNCTION_ROUTE_APPROVAL } from '../../slack/app-ids.js';
import { webClientOptions } from '../../slack/web-clients.js';
import { type ApprovalDeps, type ApprovalSettings, createApprovals } from './approval-use-cases.js';
import { OWNERS_SPEC } from './approvals-subcommands.js';
import { approveAction } from './listeners/approval-approve.js';
import type { RefreshHome } from './listeners/approval-click-payload.js';
import { rejectAction } from './listeners/approval-reject.js';
import { rejectReasonSubmission } from './listeners/approval-reject-reason.js';
import { ownersSubcommand } from './listeners/owners-command.js';
import { routeConnectionApproval } from './listeners/route-connection-approval.js';
import { approvalPollerJob } from './poll/approval-poller.js';
import { slackApprovalMessages } from './slack/slack-approval-messages.js';
import { createStepCompleter } from './slack/slack-step-completer.js';
import { createApprovalStores } from './store/approval-stores.js';
import { APPROVE_ACTION, REJECT_ACTION, REJECT_MODAL } from './views/approval-ids.js';

/** The approval settings from the configuration (the lease's 5 s minimum is checked with the environment). */
export function approvalSettings(config: Pick<Core['config'], 'approvals' | 'access'>): ApprovalSettings {
  const { approvals, access } = config;
  return {
    defaultChannel: approvals.channel,
    admins: access.admins,
    remindAfterMs: approvals.remindAfterSeconds * 1000,
    escalateAfterMs: approvals.escalateAfterSeconds * 1000,
    leaseMs: approvals.decisionLeaseSeconds * 1000,
    leaseGraceMs: 10_000,
    // Far above the cloud client's own worst case (4 attempts of 15 s, backoff, a token renewal).
    decisionBudgetMs: 150_000,
    postClaimMs: 60_000,
    completionClaimMs: 60_000,
    maxDirectMessages: 20,
    pollRate: approvals.pollRate,
  };
}

export function approvalDeps(core: Core): ApprovalDeps {
  return {
    ...createApprovalStores(core.redis, core.keys),
    records: core.records,
    permissions: core.permissions,
    usergroups: core.usergroups,
    cloud: core.cloud,
    lookup: core.lookup,
    messages: slackApprovalMessages(core.poster, core.sandbox),
    audit: core.audit,
    steps: createStepCompleter(webClientOptions(core.config.slack, 5000)),
    logger: core.logger.child({ component: 'approvals' }),
    settings: approvalSettings(core.config),
    now: Date.now,
  };
}

export interface ApprovalsFeatureOptions {
  /** Publishes a person's App Home again after they decided from it. */
  readonly refreshHome?: RefreshHome;
}

export function approvalsFeature(core: Core, options: ApprovalsFeatureOptions = {}): Feature {
  const approvals = createApprovals(approvalDeps(core));
  return {
    name: 'approvals',
    subcommands: [{ ...OWNERS_SPEC, handler: ownersSubcommand(approvals, core.sandbox) }],
    register(routes) {
      routes.action(APPROVE_ACTION, approveAction(approvals, options.refreshHome));
      routes.action(REJECT_ACTION, rejectAction(approvals, core.sandbox));
      routes.view(REJECT_MODAL, rejectReasonSubmission(approvals, options.refreshHome));
      routes.function(FUNCTION_ROUTE_APPROVAL, routeConnectionApproval(approvals));
    },
    jobs: [approvalPollerJob(approvals, core.config.approvals.pollSeconds * 1000)],
  };
}
