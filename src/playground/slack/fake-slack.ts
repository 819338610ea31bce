/**
 * `startFakeSlack()`: wires the state, the call log, the fault plan and the HTTP server into the
 * test-facing `FakeSlack` object.
 */

import { commandAckIssues, optionsAckIssues } from './ack-checks.js';
import { formatIssue } from './block-kit-limits.js';
import { CallLog } from './call-log.js';
import type { FakeSlack } from './fake-slack-api.js';
import { FaultPlan } from './faults.js';
import { closeServer, listenFakeSlack } from './server.js';
import { FakeSlackState } from './state.js';
import { checkViewErrorsResponse } from './view-ack.js';
import { applyViewSubmissionAck } from './view-ack-apply.js';

/** Options of `startFakeSlack`; tests need none. */
export interface FakeSlackOptions {
  /** Remember only this many recent calls and refusals (a long-running playground); default all. */
  readonly keepCalls?: number;
}

/** Starts a fake Slack Web API on 127.0.0.1 and a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new FakeSlackState();
  const log = new CallLog(options.keepCalls);
  const faults = new FaultPlan();
  const revokedTokens = new Set<string>();
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const { server, port } = await listenFakeSlack({ state, log, faults, revokedTokens, notify });
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    port,
    state,
    close: () => closeServer(server),
    calls: (method) => log.calls(method),
    lastCall: (method) => log.calls(method).at(-1),
    waitForCall: (method, predicate = () => true, options = {}) =>
      log.waitFor(method, predicate, typeof options === 'number' ? { timeoutMs: options } : options),
    callCount: () => log.size,
    reset: () => {
      log.clear();
      faults.clear();
      revokedTokens.clear();
      state.resetActivity();
    },
    rejections: () => log.rejections(),
    assertNoRejections: () => {
      const rejections = log.rejections();
      if (rejections.length === 0) return;
      const lines = rejections.map((r) => `${r.method}: ${r.error}\n    ${r.messages.join('\n    ')}`);
      throw new Error(`fake Slack refused ${rejections.length} payload(s):\n  ${lines.join('\n  ')}`);
    },
    failNext: (method, spec, count = 1) => faults.failNext(method, spec, count),
    clearFaults: (method) => faults.clearFaults(method),
    setLatency: (method, ms, options) => faults.setLatency(method, ms, options),
    revokeToken: (token) => revokedTokens.add(token),
    currentView: (viewId) => state.views.get(viewId),
    openViews: (userId) => state.views.openModals(userId),
    homeView: (userId) => state.views.home(userId),
    setViewState: (viewId, values) => state.views.setState(viewId, values),
    checkViewErrorsResponse,
    applyViewSubmissionAck: (viewId, ackBody) => applyViewSubmissionAck(state, log, viewId, ackBody),
    checkAck: (kind, ackBody) => {
      const issues = kind === 'command' ? commandAckIssues(ackBody) : optionsAckIssues(ackBody);
      if (issues.length > 0) {
        const messages = issues.map((issue) => `[ERROR] ${formatIssue(issue)}`);
        const args =
          typeof ackBody === 'object' && ackBody !== null ? (ackBody as Record<string, unknown>) : {};
        log.reject({ method: `${kind}.ack`, error: 'invalid_response', messages, args, at: Date.now() });
      }
      return issues;
    },
    closeView: (viewId, options = {}) =>
      options.clear ? state.views.clear(viewId) : state.views.close(viewId),
    message: (channel, ts) => state.messages.get(channel, ts),
    messages: (channel) => state.messages.list(channel),
    replies: (channel, threadTs) => state.messages.replies(channel, threadTs),
    ephemerals: (channel) => state.messages.ephemerals(channel),
    responses: (id) => state.responseUrls.list(id?.replace(/^.*\/response\//, '')),
    addUser: (user) => state.directory.users.set(user.id, user),
    setUsergroup: (id, group) => state.directory.usergroups.set(id, { id, ...group }),
    addChannel: (channel) => state.directory.channels.set(channel.id, channel),
    setChannelError: (id, error) =>
      error ? state.directory.channelErrors.set(id, error) : state.directory.channelErrors.delete(id),
    setStrictness: ({ autoUsers, autoChannels }) => {
      if (autoUsers !== undefined) state.directory.autoUsers = autoUsers;
      if (autoChannels !== undefined) state.directory.autoChannels = autoChannels;
    },
    issueTriggerId: (context, issuedAtMs) => state.triggers.issue(context, issuedAtMs),
    issueResponseUrl: (context) => `${baseUrl}/response/${state.responseUrls.issue(context)}`,
    startFunctionExecution: (callbackId, inputs, ids) => state.executions.issue(callbackId, inputs, ids),
    functionExecution: (executionId) => state.executions.get(executionId),
    onActivity: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attachSocketMode: (socket) => {
      state.socketModeUrl = socket.url;
    },
  };
}
