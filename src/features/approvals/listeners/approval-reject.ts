/**
 * Reject: acknowledged at once; the reason modal opens with the click's trigger, which lives 3 s, so the
 * rights check gets about a second: when it says no in time, the clicker is told privately and no modal
 * opens; when it is still looking up user groups, the modal opens anyway and turns into the refusal if
 * the answer is no. The submission is authorised again when it decides.
 */

import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../platform/logging/logger.js';
import { type ModalTarget, openModal, updateModal } from '../../../slack/modal.js';
import { guarded } from '../../../slack/replying.js';
import type { Approvals, DecisionCheck } from '../approval-use-cases.js';
import { replyPrivately } from '../slack/private-reply.js';
import { decisionNotice } from '../views/approval-notices.js';
import { encodeRejectMetadata } from '../views/approval-reject-metadata.js';
import { rejectReasonModal, rejectRefusedModal } from '../views/approval-reject-modal.js';
import {
  type ApprovalClickArgs,
  clickReplyTarget,
  parseApprovalClick,
  replyToClick,
} from './approval-click-payload.js';

/** How long the rights check may hold the modal (the trigger lives 3 s). */
export const REJECT_CHECK_WAIT_MS = 1000;

/** Turns the open modal into the refusal when the late check says no. */
async function refuseLate(
  client: WebClient,
  modal: ModalTarget,
  check: DecisionCheck,
  sandbox: boolean,
  log: Logger,
): Promise<void> {
  const notice = check.kind === 'ok' ? undefined : decisionNotice(check, 'reject');
  if (!notice || !modal.viewId) return;
  await updateModal(client, modal, rejectRefusedModal({ notice, sandbox }), { log });
}

export function rejectAction(approvals: Approvals, sandbox: boolean) {
  return guarded(
    'reject',
    async (args: ApprovalClickArgs): Promise<void> => {
      await args.ack();
      const log = args.context.log;
      const click = parseApprovalClick(args);
      if (!click?.triggerId) {
        log.warn('reject click without a request ID or trigger; ignored');
        return;
      }
      const target = clickReplyTarget(args, click);
      const check = await approvals.checkWithin(click.requestId, click.userId, REJECT_CHECK_WAIT_MS);
      if (check.kind !== 'ok' && check.kind !== 'checking') {
        const notice = decisionNotice(check, 'reject');
        if (notice) await replyPrivately(target, notice);
        return;
      }
      const privateMetadata = encodeRejectMetadata({
        requestId: click.requestId,
        channel: click.channel,
        ...(click.message ? { message: click.message } : {}),
        fromHome: click.fromHome,
      });
      const opened = await openModal(
        args.client,
        click.triggerId,
        rejectReasonModal({ request: check.request, privateMetadata, sandbox }),
        log,
      );
      if (!opened.opened) {
        await replyPrivately(target, rejectFormProblem(opened.code));
        return;
      }
      if (check.kind === 'checking') await refuseLate(args.client, opened, await check.result, sandbox, log);
    },
    { reply: replyToClick },
  );
}

/** Why the reason modal did not open, and what to do. */
function rejectFormProblem(code: string): string {
  const why =
    code === 'expired_trigger_id'
      ? 'the click reached me too late to open a form'
      : `Slack refused to open it (${code})`;
  return `:warning: I could not open the reject form: ${why}. Nothing was changed; click Reject again.`;
}
