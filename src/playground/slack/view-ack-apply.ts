/**
 * What Slack does after a bot acks a view_submission: refuse a bad ack (recorded as a rejection), or
 * close the view (empty ack), keep it with inline errors, update it, push a new view, or clear the stack.
 */
import { formatIssue } from './block-kit-limits.js';
import type { CallLog } from './call-log.js';
import type { LimitIssue } from './emulator-types.js';
import type { FakeSlackState } from './state.js';
import { checkViewErrorsResponse } from './view-ack.js';

/** Applies an ack body to the submitted view; returns the issues Slack would refuse it for. */
export function applyViewSubmissionAck(
  state: FakeSlackState,
  log: CallLog,
  viewId: string,
  ackBody: unknown,
): LimitIssue[] {
  const view = state.views.get(viewId);
  const issues = view
    ? checkViewErrorsResponse(view, ackBody)
    : [{ path: '/view/id', message: `unknown view ${viewId}` }];
  const body = typeof ackBody === 'object' && ackBody !== null ? (ackBody as Record<string, unknown>) : {};
  const all = issues.length === 0 ? applyAction(state, viewId, body) : issues;
  if (all.length > 0) {
    const messages = all.map((issue) => `[ERROR] ${formatIssue(issue)}`);
    log.reject({
      method: 'view_submission.ack',
      error: 'invalid_response',
      messages,
      args: body,
      at: Date.now(),
    });
  }
  return all;
}

/** Slack's reaction to an accepted ack: close, keep (errors), update, push or clear. */
function applyAction(state: FakeSlackState, viewId: string, body: Record<string, unknown>): LimitIssue[] {
  const view =
    typeof body.view === 'object' && body.view !== null ? (body.view as Record<string, unknown>) : {};
  switch (body.response_action) {
    case 'errors':
      return [];
    case 'update':
      state.views.update(viewId, view);
      return [];
    case 'push': {
      const pushed = state.views.push(view, state.views.owner(viewId), viewId);
      return typeof pushed === 'string' ? [{ path: '/response_action', message: pushed }] : [];
    }
    case 'clear':
      state.views.clear(viewId);
      return [];
    default:
      state.views.close(viewId);
      return [];
  }
}
