/**
 * Who may decide a request, on the server, by immutable Slack user ID: the service's owners (users, and
 * members of its owner groups, resolved through `usergroups.users.list` and cached) and the admins. A
 * workflow's requester who could not decide as the step started never decides it later (checked again
 * atomically in the decision); an owner or admin a workflow names as requester is not barred, since the
 * name is the workflow author's word, not Slack's (see `workflow.ts`). A requester whose owner groups
 * Slack could not name as the step started is settled as soon as they can be (`settleRequesters`, run by
 * the poller, or their own click), and the answer is kept: never a permanent "may decide" on a guess.
 */

import type { Owners } from '../../../access/service-records.js';
import { isMembershipUnknown } from '../../../access/usergroup-members.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';

export type DecideRight =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly why: 'not_owner'; readonly owners: Owners | undefined }
  | { readonly allowed: false; readonly why: 'requester' };

/** The users a workflow named as requester who are barred from deciding this request. */
export function requestersOf(request: ApprovalRequest): Set<string> {
  return new Set(
    request.workflow.flatMap((note) => (note.requester && !note.requesterMayDecide ? [note.requester] : [])),
  );
}

/** The requesters whose right to decide could not be checked as their step started (not settled yet). */
export function uncheckedRequestersOf(request: ApprovalRequest): Set<string> {
  return new Set(
    request.workflow.flatMap((note) => (note.requester && note.requesterUnchecked ? [note.requester] : [])),
  );
}

/**
 * Settles every unchecked requester whose membership Slack can name now: may they manage the service?
 * The answer is kept. One still unknown stays unchecked (and is refused any decision meanwhile).
 */
export async function settleRequesters(
  deps: Pick<ApprovalDeps, 'records' | 'permissions' | 'waits'>,
  request: ApprovalRequest,
): Promise<void> {
  const unchecked = uncheckedRequestersOf(request);
  if (unchecked.size === 0) return;
  const record = await deps.records.get(request.projectId, request.serviceId);
  for (const requester of unchecked) {
    try {
      const may = await deps.permissions.canManage(requester, record?.owners);
      await deps.waits.settleRequester(request.id, requester, may);
    } catch (err) {
      if (!isMembershipUnknown(err)) throw err;
    }
  }
}

/**
 * `deps.waits`, when given, settles the clicking user if they are an unchecked requester (a click is a
 * decision: their membership must be known now, or the click is refused as unknown).
 */
export async function decideRight(
  deps: Pick<ApprovalDeps, 'records' | 'permissions'> & Partial<Pick<ApprovalDeps, 'waits'>>,
  userId: string,
  request: ApprovalRequest,
): Promise<DecideRight> {
  if (requestersOf(request).has(userId)) return { allowed: false, why: 'requester' };
  const record = await deps.records.get(request.projectId, request.serviceId);
  const may = await deps.permissions.canManage(userId, record?.owners);
  if (uncheckedRequestersOf(request).has(userId)) {
    await deps.waits?.settleRequester(request.id, userId, may);
    if (!may) return { allowed: false, why: 'requester' };
  }
  if (may) return { allowed: true };
  return { allowed: false, why: 'not_owner', owners: record?.owners };
}

/**
 * The check `ApprovalStore.listPendingDecidableBy` takes (App Home): a request whose deciders are
 * unknown right now (an owner group Slack could not name) is left out; a click decides again anyway.
 */
export function mayDecide(
  deps: Pick<ApprovalDeps, 'records' | 'permissions'>,
): (request: ApprovalRequest, userId: string) => Promise<boolean> {
  return async (request, userId) => {
    try {
      return (await decideRight(deps, userId, request)).allowed;
    } catch (err) {
      if (isMembershipUnknown(err)) return false;
      throw err;
    }
  };
}
