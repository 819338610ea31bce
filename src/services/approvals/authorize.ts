/**
 * Who may decide a request, on the server, by immutable Slack user ID: the service's owners (users, and
 * members of its owner groups, resolved through `usergroups.users.list` and cached) and the admins. A
 * workflow's requester never decides their own request (checked again atomically in the decision).
 */
import type { ApprovalRequest } from '../../stores/approval-requests.js';
import type { Owners } from '../../stores/service-records.js';
import type { ApprovalDeps } from './deps.js';

export type DecideRight =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly why: 'not_owner'; readonly owners: Owners | undefined }
  | { readonly allowed: false; readonly why: 'requester' };

/** Whether `userId` asked for this request through a workflow. */
export function isRequester(request: ApprovalRequest, userId: string): boolean {
  return request.workflow.some((note) => note.requester === userId);
}

export async function decideRight(
  deps: Pick<ApprovalDeps, 'records' | 'permissions'>,
  userId: string,
  request: ApprovalRequest,
): Promise<DecideRight> {
  if (isRequester(request, userId)) return { allowed: false, why: 'requester' };
  const record = await deps.records.get(request.projectId, request.serviceId);
  if (await deps.permissions.canManage(userId, record?.owners)) return { allowed: true };
  return { allowed: false, why: 'not_owner', owners: record?.owners };
}

/** The check `ApprovalStore.listPendingDecidableBy` takes (App Home). */
export function mayDecide(
  deps: Pick<ApprovalDeps, 'records' | 'permissions'>,
): (request: ApprovalRequest, userId: string) => Promise<boolean> {
  return async (request, userId) => (await decideRight(deps, userId, request)).allowed;
}
