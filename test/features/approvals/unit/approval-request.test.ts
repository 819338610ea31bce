import { describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '#src/features/approvals/store/approval-request-types.js';
import { APPROVE_ACTION, REJECT_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { rejectReasonModal } from '#src/features/approvals/views/approval-reject-modal.js';
import {
  type ApprovalRequestView,
  approvalRequestMessage,
} from '#src/features/approvals/views/approval-request.js';
import { checkMessage, checkView } from '#src/playground/slack/index.js';
import { pendingRequest } from './request-fixture.js';

const base = pendingRequest({
  id: 'p1:s1:e1',
  projectId: 'p1',
  serviceId: '5b1c3f4e-0000-4000-a000-000000000001',
  serviceName: 'eu-de.payments.5b1c3f4e-0000-4000-a000-000000000001',
  endpointId: '9e8d7c6b-0000-4000-a000-000000000002',
  domainId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  markerId: '16777217',
  requestedAt: '2024-05-01T10:00:00.000Z',
  ports: [
    { clientPort: 443, serverPort: 8443, protocol: 'TCP' },
    { clientPort: 80, serverPort: 8080, protocol: 'TCP' },
  ],
  createdAt: Date.UTC(2024, 4, 1, 10, 1),
});

const render = (request: Partial<ApprovalRequest>, view: Partial<ApprovalRequestView> = {}) =>
  approvalRequestMessage({ request: { ...base, ...request }, sandbox: false, ...view });
const shown = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
const buttonIds = (message: { blocks: unknown[] }) =>
  [APPROVE_ACTION, REJECT_ACTION].filter((id) => shown(message).includes(id));

describe('approvalRequestMessage', () => {
  it('should show every detail of a pending request, mention the owners and offer Approve and Reject', () => {
    const message = render({}, { mention: { users: ['U1'], groups: ['S1'] } });
    for (const detail of [base.serviceName, base.serviceId, base.endpointId, base.domainId ?? ''])
      expect(shown(message)).toContain(detail);
    expect(shown(message)).toContain(
      'TCP: service port 8443, terminal port 443\\nTCP: service port 8080, terminal port 80',
    );
    expect(shown(message)).toContain(`<!date^${Date.parse(base.requestedAt ?? '') / 1000}^`);
    expect(shown(message)).toContain('<@U1> <!subteam^S1>: please approve or reject.');
    expect(buttonIds(message)).toEqual([APPROVE_ACTION, REJECT_ACTION]);
    expect(shown(message)).toContain(`"value":"${base.id}"`);
    expect(message.text).toContain('<@U1> <!subteam^S1>');
    expect(message.text).toContain(base.endpointId);
  });

  it.each([
    ['approved', { state: 'approved', decidedBy: 'U2', decidedAt: 1_714_560_000_000 }, '*Approved* by <@U2>'],
    [
      'rejected',
      { state: 'rejected', decidedBy: 'U2', decidedAt: 1_714_560_000_000, reason: 'no <!channel> & co' },
      'no &lt;!channel&gt; &amp; co',
    ],
    [
      'accepted in the console',
      { state: 'resolved_elsewhere', observedStatus: 'accepted', decidedAt: 1 },
      '*accepted* outside Slack',
    ],
    ['gone', { state: 'resolved_elsewhere', observedStatus: 'gone', decidedAt: 1 }, 'no longer exists'],
    [
      'being decided',
      { state: 'deciding', lease: { token: 't', until: 1, by: 'U3', action: 'reject', reason: undefined } },
      '<@U3> is rejecting',
    ],
  ] as const)('should show the %s state without buttons', (_label, change, expected) => {
    const message = render(change as Partial<ApprovalRequest>, { mention: { users: ['U1'], groups: [] } });
    expect(shown(message)).toContain(expected);
    expect(buttonIds(message)).toEqual([]);
    expect(shown(message)).not.toContain('please approve or reject');
  });

  it.each([
    ['approved', 'U0ALICE_01', 'approved by <@U0ALICE_01>'],
    ['rejected', 'U0ALICE01', 'rejected by <@U0ALICE01>'],
    ['approved', '<!channel>', 'approved by `&lt;!channel&gt;`'],
    ['rejected', undefined, 'rejected by `unknown`'],
  ] as const)(
    'should name who %s it in the fallback text as a mention, escaped when not an ID (%s)',
    (state, decidedBy, expected) => {
      const message = render({ state, decidedBy, decidedAt: 1_714_560_000_000 });
      expect(message.text).toContain(`Connection request for ${base.serviceName} ${expected}:`);
      expect(message.text).not.toContain('<!channel>');
    },
  );

  it('should keep the buttons and show the error after a failed decision', () => {
    const message = render({ lastError: 'The cloud is unavailable.' });
    expect(shown(message)).toContain('did not go through:* The cloud is unavailable.');
    expect(buttonIds(message)).toHaveLength(2);
    expect(message.text).toContain('Last attempt failed: The cloud is unavailable.');
  });

  it('should say sandbox in sandbox mode, in the blocks and the text', () => {
    const message = render({}, { sandbox: true });
    expect(shown(message)).toContain('Sandbox');
    expect(message.text.startsWith('[sandbox]')).toBe(true);
  });

  it('should show who asked through a workflow and why, escaped', () => {
    const message = render({ workflow: [{ requester: 'U9', reason: 'needs <@U1> *now*' }] });
    expect(shown(message)).toContain('through a workflow by <@U9>: “needs &lt;@U1&gt; *now*”');
  });

  it('should stay within Block Kit limits in every state, with 200 port mappings and long texts', () => {
    const ports = Array.from({ length: 200 }, (_, i) => ({
      clientPort: i + 1,
      serverPort: i + 1,
      protocol: 'TCP',
    }));
    const long = 'x'.repeat(3000);
    for (const request of [
      {
        ports,
        lastError: long,
        workflow: Array.from({ length: 10 }, () => ({ requester: 'U1', reason: long })),
      },
      { ports, state: 'rejected' as const, decidedBy: 'U1', decidedAt: 1, reason: long },
    ]) {
      const message = render(request, { sandbox: true, mention: { users: ['U1'], groups: ['S1'] } });
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
      expect(shown(message)).toContain('…and 188 more');
    }
  });

  it('should build a valid reject modal with an optional reason', () => {
    const modal = rejectReasonModal({ request: base, privateMetadata: '{"r":"p1:s1:e1"}', sandbox: true });
    expect(checkView(modal as unknown as Record<string, unknown>)).toBeUndefined();
    expect(modal.submit?.text).toBe('Reject');
    expect(JSON.stringify(modal.blocks)).toContain('"optional":true');
  });
});
