import { describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '#src/features/approvals/store/approval-request-types.js';
import { humanDuration, notAllowedNotice } from '#src/features/approvals/views/approval-notices.js';
import { ownersMessage } from '#src/features/approvals/views/owners-message.js';
import { stepEndOf } from '#src/features/approvals/workflow/step-completion.js';
import { describeInputProblems, stepInputsSchema } from '#src/features/approvals/workflow/workflow.js';

describe('the step inputs', () => {
  it('should accept the required inputs and an empty requester', () => {
    const endpointId = '0c0ffee0-0000-4000-8000-0000000000e1';
    expect(stepInputsSchema.parse({ service_id: ' svc ', endpoint_id: endpointId, requester: '' })).toEqual({
      service_id: 'svc',
      endpoint_id: endpointId,
    });
  });

  it('should name every missing or invalid input', () => {
    const result = stepInputsSchema.safeParse({ requester: 'bob' });
    if (result.success) throw new Error('expected a failure');
    const message = describeInputProblems(result.error);
    expect(message).toContain('service_id is required');
    expect(message).toContain('endpoint_id is required');
    expect(message).toContain('requester must be a Slack user');
  });
});

describe('how a decided request ends its workflow steps', () => {
  const request = { endpointId: 'ep', decidedBy: 'U1' } as ApprovalRequest;
  it.each([
    ['pending', undefined, undefined],
    [
      'approved',
      undefined,
      { kind: 'success', outputs: { decision: 'approved', approver: 'U1', endpoint_id: 'ep' } },
    ],
    [
      'rejected',
      undefined,
      { kind: 'success', outputs: { decision: 'rejected', approver: 'U1', endpoint_id: 'ep' } },
    ],
    [
      'resolved_elsewhere',
      'accepted',
      { kind: 'success', outputs: { decision: 'approved', endpoint_id: 'ep' } },
    ],
    [
      'resolved_elsewhere',
      'gone',
      { kind: 'error', message: expect.stringContaining('resolved outside Slack') },
    ],
  ] as const)('%s (%s)', (state, observedStatus, expected) => {
    const end = stepEndOf({
      ...request,
      state,
      observedStatus,
      decidedBy: state === 'resolved_elsewhere' ? undefined : 'U1',
    } as ApprovalRequest);
    expect(end).toEqual(expected);
  });
});

describe('notices', () => {
  it('should name the owners, or say how to assign them', () => {
    expect(
      notAllowedNotice({ serviceName: 'svc', why: 'not_owner', owners: { users: ['U1'], groups: ['S1'] } }),
    ).toContain('(<@U1>, members of <!subteam^S1>)');
    expect(notAllowedNotice({ serviceName: 'svc', why: 'not_owner', owners: undefined })).toContain(
      '`/vpcep owners svc @user`',
    );
  });

  it.each([
    [0, 'a few seconds'],
    [3000, 'a few seconds'],
    [9499, 'a few seconds'],
    [9500, '10 seconds'],
    [40_000, '40 seconds'],
    [59_499, '59 seconds'],
    [59_500, '1 minute'],
    [90_000, '2 minutes'],
  ])('should write a wait of %i ms as "%s": seconds under a minute, minutes from then on', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it('should write waiting times for people', () => {
    expect(humanDuration(45 * 60_000)).toBe('45 minutes');
    expect(humanDuration(4 * 3600_000)).toBe('4 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
  });

  it('should show owners with their approval channel, or the default one', () => {
    const view = {
      serviceName: 'eu-de.svc.id',
      serviceId: 'id',
      owners: { users: ['U1'], groups: [] },
      approvalChannel: undefined,
      defaultChannel: 'C9',
    };
    const message = ownersMessage({ kind: 'shown', view, canChange: false }, true);
    expect(message.text).toContain('<@U1>');
    expect(message.text).toContain('<#C9> (the default)');
    expect(message.text).toContain('Only the owners and the bot admins can change them');
    expect(message.text).toContain('Sandbox');
  });
});
