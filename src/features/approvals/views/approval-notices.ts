/**
 * The short texts around an approval request: ephemeral answers to clicks that change nothing, and the
 * reminder and escalation replies in the request's thread. Pure.
 */

import { code, escapeMrkdwn, slackDate, userMention } from '../../../domain/mrkdwn.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';
import { mentionList, type OwnersMention } from './approval-request.js';

function ownerList(owners: OwnersMention | undefined): string {
  return mentionList(owners, { separator: ', ', group: (mention) => `members of ${mention}` });
}

/** Human duration: `a few seconds`, `40 seconds`, `45 minutes`, `4 hours`, `2 days`. */
export function humanDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 10) return 'a few seconds';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** To someone who may not decide: who can, and how owners are assigned. */
export function notAllowedNotice(input: {
  serviceName: string;
  why: 'not_owner' | 'requester';
  owners: OwnersMention | undefined;
}): string {
  if (input.why === 'requester') {
    return `:no_entry_sign: You asked for this connection through a workflow, so someone else must decide it: the owners of ${code(input.serviceName)} or a bot admin. Nothing was changed.`;
  }
  const owners = ownerList(input.owners);
  const who = owners
    ? `Only the owners of ${code(input.serviceName)} (${owners}) and the bot admins can approve or reject it.`
    : `${code(input.serviceName)} has no owners yet, so only the bot admins can decide; an admin can assign owners with ${code(`/vpcep owners ${input.serviceName} @user`)}.`;
  return `:lock: ${who} Nothing was changed.`;
}

/** To a click on a request that is no longer pending. */
export function alreadyDecidedNotice(request: ApprovalRequest): string {
  switch (request.state) {
    case 'deciding':
      return `:hourglass_flowing_sand: ${userMention(request.lease?.by)} is deciding this request right now. Nothing else was changed.`;
    case 'approved':
    case 'rejected':
      return `:information_source: This request was already ${request.state} by ${userMention(request.decidedBy)} on ${slackDate(request.decidedAt ?? Date.now())}. Nothing was changed.`;
    case 'resolved_elsewhere':
      return ':information_source: This request was already resolved outside Slack. Nothing was changed.';
    case 'pending':
      return ':information_source: This request is still waiting for a decision.';
  }
}

/** To a click whose request expired or never existed. */
export const REQUEST_GONE_NOTICE =
  ':information_source: I no longer know this approval request (decided requests are kept for 90 days). `/vpcep connections <service>` shows the current state.';

/** To the decider when the cloud refused or failed the action. */
export function decisionFailedNotice(action: 'approve' | 'reject', message: string): string {
  return `:warning: I could not ${action} the connection: ${escapeMrkdwn(message)} The request is still waiting, with its buttons; try again.`;
}

/** The reminder reply in the request's thread. */
export function reminderText(input: {
  request: ApprovalRequest;
  owners: OwnersMention | undefined;
  waitedMs: number;
}): string {
  const owners = ownerList(input.owners);
  const to = owners ? `${owners}: ` : '';
  return `:alarm_clock: Reminder: ${to}this connection request for ${code(input.request.serviceName)} has waited ${humanDuration(input.waitedMs)} for a decision.`;
}

/** The escalation reply in the request's thread, mentioning the admins. */
export function escalationText(input: {
  request: ApprovalRequest;
  admins: readonly string[];
  waitedMs: number;
}): string {
  const admins = input.admins.map(userMention).join(' ');
  const to = admins
    ? `${admins} (bot admins): please decide, or follow up with the owners.`
    : 'No bot admins (`VPCEP_ADMINS`) are configured to escalate to.';
  return `:rotating_light: Escalation: this connection request for ${code(input.request.serviceName)} has waited ${humanDuration(input.waitedMs)} without a decision. ${to}`;
}

/** To the decider whose action the cloud took after the request was settled otherwise a moment ago. */
export function supersededNotice(action: 'approve' | 'reject', request: ApprovalRequest): string {
  const now =
    request.state === 'approved' || request.state === 'rejected'
      ? `it was ${request.state} by ${userMention(request.decidedBy)}`
      : request.state === 'resolved_elsewhere'
        ? 'it was resolved outside Slack'
        : 'it is waiting for a decision again';
  return `:information_source: It was decided by someone else a moment ago: ${now}. Your ${action === 'approve' ? 'approval' : 'rejection'} reached the cloud after that, so it is not recorded as the decision; check the connection with ${code(`/vpcep connections ${request.serviceName}`)}.`;
}

/** To the decider when the cloud call failed and the cloud could not be re-read: the outcome is unknown. */
export function unconfirmedNotice(action: 'approve' | 'reject', message: string): string {
  return `:hourglass_flowing_sand: The cloud did not confirm whether it took your ${action === 'approve' ? 'approval' : 'rejection'} (${escapeMrkdwn(message)}). I will check the connection's state and update the request message within a minute or two; no need to click again.`;
}

/** The ephemeral answer to a decision attempt, or undefined when the updated message says it all. */
export function decisionNotice(
  outcome:
    | { kind: 'decided' }
    | { kind: 'not_found' }
    | {
        kind: 'not_allowed';
        why: 'not_owner' | 'requester';
        request: ApprovalRequest;
        owners: OwnersMention | undefined;
      }
    | { kind: 'already'; request: ApprovalRequest }
    | { kind: 'failed'; message: string }
    | { kind: 'superseded'; request: ApprovalRequest }
    | { kind: 'unconfirmed'; message: string },
  action: 'approve' | 'reject',
): string | undefined {
  switch (outcome.kind) {
    case 'decided':
      return undefined;
    case 'not_found':
      return REQUEST_GONE_NOTICE;
    case 'not_allowed':
      return notAllowedNotice({
        serviceName: outcome.request.serviceName,
        why: outcome.why,
        owners: outcome.owners,
      });
    case 'already':
      return alreadyDecidedNotice(outcome.request);
    case 'failed':
      return decisionFailedNotice(action, outcome.message);
    case 'superseded':
      return supersededNotice(action, outcome.request);
    case 'unconfirmed':
      return unconfirmedNotice(action, outcome.message);
  }
}
