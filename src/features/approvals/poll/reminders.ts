/**
 * Reminders and escalations of a pending request, in the thread of every copy, once each across
 * replicas (marked in Redis before they are sent, unmarked when nobody could be reached). The escalation
 * follows the reminder: it waits for a reminder sent earlier or just now.
 */

import type { ApprovalDeps } from '../approvals-deps.js';
import { audienceOf, decidersToMention, replyInThreads } from '../decide/request-delivery.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';

export interface Reminded {
  readonly reminded: boolean;
  readonly escalated: boolean;
}

/** Sends what is due of one thread reply, once: true when this call sent it. */
async function sendOnce(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  field: 'remindedAt' | 'escalatedAt',
  send: () => Promise<number>,
): Promise<boolean> {
  if (!(await deps.copies.markOnce(request.id, field, deps.now()))) return false;
  if ((await send()) > 0) return true;
  await deps.copies.unmark(request.id, field);
  return false;
}

export async function remind(deps: ApprovalDeps, request: ApprovalRequest): Promise<Reminded> {
  const none = { reminded: false, escalated: false };
  if (request.state !== 'pending' || request.postedAt === undefined) return none;
  const waitedMs = deps.now() - request.postedAt;
  const { remindAfterMs, escalateAfterMs, admins } = deps.settings;
  const reminded =
    waitedMs >= remindAfterMs &&
    request.remindedAt === undefined &&
    (await sendOnce(deps, request, 'remindedAt', async () => {
      const { owners } = await audienceOf(deps, request);
      const deciders = decidersToMention(request, owners);
      return replyInThreads(deps, request, { kind: 'reminder', request, owners: deciders, waitedMs });
    }));
  const escalated =
    (reminded || request.remindedAt !== undefined) &&
    waitedMs >= escalateAfterMs &&
    request.escalatedAt === undefined &&
    (await sendOnce(deps, request, 'escalatedAt', () =>
      replyInThreads(deps, request, { kind: 'escalation', request, admins, waitedMs }),
    ));
  return { reminded, escalated };
}
