/**
 * The poller settling a request from the cloud's state: a connection no longer pending (accepted or
 * rejected outside Slack, gone), or a decision whose lease lapsed (its replica died mid-decision), which
 * is recorded when the cloud shows it landed and reopened when the connection still waits.
 */

import type { ApprovalDeps } from '../approvals-deps.js';
import { refreshCopies } from '../decide/request-delivery.js';
import {
  afterFinal,
  auditRequest,
  DECIDED_STATE,
  settledStatus,
  TARGET_STATUS,
} from '../decide/request-lifecycle.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';

const INTERRUPTED =
  'The last decision was interrupted before the cloud confirmed it (the bot restarted), and the connection is still waiting. Please decide again.';

/** What a reconciliation changed, for the poll's summary. */
export type Reconciled = 'reconciled' | 'resolvedElsewhere' | undefined;

/**
 * Settles a request the cloud no longer shows as pending, or an interrupted decision. `lapsedBefore`
 * fences a lapsed lease: the scripts leave it alone if its holder renewed it since the cloud was read.
 */
export async function reconcile(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  status: string,
  lapsedBefore: number,
): Promise<Reconciled> {
  const lease = request.lease;
  if (status === 'pendingAcceptance') {
    if (!lease || !(await deps.leases.abort(request.id, lease.token, INTERRUPTED, lapsedBefore)))
      return undefined;
    await refreshCopies(deps, request.id);
    return 'reconciled';
  }
  const effective = settledStatus(status);
  let outcome: Reconciled;
  if (lease && TARGET_STATUS[lease.action] === effective) {
    const state = DECIDED_STATE[lease.action];
    const result = await deps.leases.finish(request.id, {
      token: lease.token,
      lapsedBefore,
      state,
      by: lease.by,
      at: deps.now(),
      ...(lease.reason ? { reason: lease.reason } : {}),
    });
    if (result === 'ok') {
      outcome = 'reconciled';
      await auditRequest(deps, request, {
        action: `connection.${state}`,
        actor: lease.by,
        detail: lease.reason,
      });
    }
  } else {
    const result = await deps.leases.finish(request.id, {
      ...(lease ? { token: lease.token, lapsedBefore } : {}),
      state: 'resolved_elsewhere',
      at: deps.now(),
      observedStatus: effective,
    });
    if (result === 'ok') {
      outcome = 'resolvedElsewhere';
      await auditRequest(deps, request, {
        action: 'connection.resolved_elsewhere',
        actor: 'system',
        detail: effective,
      });
    }
  }
  await afterFinal(deps, request.id);
  return outcome;
}
