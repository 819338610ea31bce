/** The Reject modal: what is being rejected and an optional reason. Pure. */
import type { KnownBlock, ModalView } from '@slack/types';
import { code } from '../../../domain/mrkdwn.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';
import { REJECT_MODAL, REJECT_REASON_BLOCK, REJECT_REASON_INPUT, REJECT_REASON_MAX } from './approval-ids.js';

/** Whatever the bot shows in sandbox mode says so. */
function sandboxNote(sandbox: boolean): KnownBlock[] {
  return sandbox
    ? [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: ':test_tube: Sandbox: no real cloud resources are involved.' }],
        },
      ]
    : [];
}

export function rejectReasonModal(input: {
  request: ApprovalRequest;
  privateMetadata: string;
  sandbox: boolean;
}): ModalView {
  const r = input.request;
  const summary = `Reject the connection of VPC endpoint ${code(r.endpointId)} (consumer account ${code(r.domainId ?? 'unknown')}) to ${code(r.serviceName)}?`;
  return {
    type: 'modal',
    callback_id: REJECT_MODAL,
    private_metadata: input.privateMetadata,
    title: { type: 'plain_text', text: 'Reject connection' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: summary } },
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Reason' },
        hint: {
          type: 'plain_text',
          text: 'Shown in the request message and kept in the audit log. Optional.',
        },
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_INPUT,
          multiline: true,
          max_length: REJECT_REASON_MAX,
          placeholder: { type: 'plain_text', text: 'e.g. the consumer account is not on the allow list' },
        },
      },
      ...sandboxNote(input.sandbox),
    ],
  };
}

/**
 * What the Reject modal turns into when the rights check finished after it opened (the modal opens at
 * once, before a slow user-group look-up) and the clicker may not decide: the reason why, no submit.
 */
export function rejectRefusedModal(input: { notice: string; sandbox: boolean }): ModalView {
  return {
    type: 'modal',
    callback_id: REJECT_MODAL,
    title: { type: 'plain_text', text: 'Reject connection' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: input.notice.slice(0, 3000) } },
      ...sandboxNote(input.sandbox),
    ],
  };
}
