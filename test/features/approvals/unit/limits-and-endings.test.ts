import { describe, expect, it } from 'vitest';
import { approvalSettings } from '#src/features/approvals/index.js';
import { notAllowedNotice, reminderText } from '#src/features/approvals/views/approval-notices.js';
import { rejectRefusedModal } from '#src/features/approvals/views/approval-reject-modal.js';
import { approvalRequestMessage, MAX_MENTIONS } from '#src/features/approvals/views/approval-request.js';
import { ownersMessage } from '#src/features/approvals/views/owners-message.js';
import {
  executionEndOf,
  SELF_DECIDED_MESSAGE,
  stepEndOf,
} from '#src/features/approvals/workflow/step-completion.js';
import { ConfigError, loadConfig } from '#src/platform/config/load-config.js';
import { checkMessage, checkView } from '#src/playground/slack/index.js';
import { pendingRequest } from './request-fixture.js';

const users = Array.from({ length: 250 }, (_, i) => `U${String(i).padStart(10, '0')}`);
const groups = Array.from({ length: 60 }, (_, i) => `S${String(i).padStart(10, '0')}`);

const request = pendingRequest({
  id: 'p1:s1:e1',
  projectId: 'p1',
  serviceId: 's1',
  serviceName: 'eu-de.payments.s1',
  endpointId: 'e1',
  domainId: 'd1',
  ports: [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }],
  createdAt: 1,
});

const longestText = (blocks: unknown) =>
  Math.max(
    ...[...JSON.stringify(blocks).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]?.length ?? 0),
  );

describe('many owners', () => {
  it('should mention at most a few dozen owners in the request message and count the rest', () => {
    const message = approvalRequestMessage({ request, sandbox: true, mention: { users, groups } });
    expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
    expect(longestText(message.blocks)).toBeLessThanOrEqual(3000);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain(`<@${users[MAX_MENTIONS - 1]}>`);
    expect(shown).not.toContain(`<@${users[MAX_MENTIONS]}>`);
    expect(shown).toContain(`and ${users.length + groups.length - MAX_MENTIONS} more: please approve`);
    expect(message.text).toContain('more');
  });

  it('should keep /vpcep owners answers and notices within Slack limits', () => {
    const view = {
      serviceName: 'eu-de.payments.s1',
      serviceId: 's1',
      owners: { users, groups },
      approvalChannel: 'C1',
      defaultChannel: undefined,
    };
    for (const outcome of [
      { kind: 'shown', view, canChange: true },
      { kind: 'changed', view },
      { kind: 'forbidden', view },
    ] as const) {
      const message = ownersMessage(outcome, true);
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
      expect(message.text).toContain(`and ${users.length - 50} more`);
      expect(message.text).toContain(`and ${groups.length - 20} more`);
    }
    const notice = notAllowedNotice({ serviceName: 's', why: 'not_owner', owners: { users, groups } });
    expect(notice.length).toBeLessThan(1500);
    expect(reminderText({ request, owners: { users, groups }, waitedMs: 3_600_000 }).length).toBeLessThan(
      1500,
    );
  });
});

describe('how a workflow step ends', () => {
  it('should never name the requester as the approver of their own request', () => {
    const decided = stepEndOf({ ...request, state: 'approved', decidedBy: 'U1' });
    if (!decided) throw new Error('expected an end');
    expect(executionEndOf(decided, { requester: 'U1' })).toEqual({
      kind: 'error',
      message: SELF_DECIDED_MESSAGE,
    });
    expect(executionEndOf(decided, { requester: 'U2' })).toEqual(decided);
    expect(executionEndOf(decided, {})).toEqual(decided);
    expect(SELF_DECIDED_MESSAGE).toContain('The requester cannot approve their own request');
  });

  it('should give the cloud’s decision without an approver when it was taken outside Slack, and an error otherwise', () => {
    expect(stepEndOf({ ...request, state: 'resolved_elsewhere', observedStatus: 'rejected' })).toEqual({
      kind: 'success',
      outputs: { decision: 'rejected', endpoint_id: 'e1' },
    });
    expect(stepEndOf({ ...request, state: 'resolved_elsewhere', observedStatus: 'failed' })).toEqual({
      kind: 'error',
      message: expect.stringContaining('the connection is now failed, neither approved nor rejected'),
    });
    expect(stepEndOf({ ...request, state: 'resolved_elsewhere', observedStatus: 'gone' })).toEqual({
      kind: 'error',
      message: expect.stringContaining('it no longer exists'),
    });
  });
});

describe('the reject modal after a late refusal', () => {
  it('should be a valid modal without a submit button', () => {
    const modal = rejectRefusedModal({ notice: ':lock: Only the owners can decide.', sandbox: true });
    expect(checkView(modal as unknown as Record<string, unknown>)).toBeUndefined();
    expect(modal.submit).toBeUndefined();
  });
});

describe('the decision lease', () => {
  const config = (lease: string) =>
    loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', APPROVAL_DECISION_LEASE: lease });

  it('should refuse to start with a lease shorter than 5s, naming the variable', () => {
    expect(() => config('4s')).toThrow(ConfigError);
    expect(() => config('4s')).toThrow(/APPROVAL_DECISION_LEASE: expected at least 5s/);
    expect(approvalSettings(config('5s')).leaseMs).toBe(5000);
    expect(approvalSettings(config('30s')).leaseGraceMs).toBeGreaterThanOrEqual(10_000);
  });
});
