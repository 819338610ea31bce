/**
 * Reject: acknowledged at once; the reason modal opens with the click's trigger, which lives 3 s, so the
 * rights check gets about a second: when it says no in time, the clicker is told privately and no modal
 * opens; when it is still looking up user groups, the modal opens anyway and turns into the refusal if
 * the answer is no. The submission is authorised again when it decides.
 */

import type { WebClient } from '@slack/web-api';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { Approvals, DecisionCheck } from '../approvals-service.js';
import { decisionNotice } from '../views/approval-notices.js';
import { rejectReasonModal, rejectRefusedModal } from '../views/approval-reject-modal.js';
import { type ApprovalClickArgs, clickReplyTarget, parseApprovalClick } from './approval-click.js';
import { encodeRejectMetadata } from './approval-reject-metadata.js';
import { replyPrivately } from './approval-reply.js';

/** How long the rights check may hold the modal (the trigger lives 3 s). */
export const REJECT_CHECK_WAIT_MS = 1000;

/** Turns the open modal into the refusal when the late check says no. */
async function refuseLate(
  client: WebClient,
  viewId: string | undefined,
  check: DecisionCheck,
  sandbox: boolean,
): Promise<void> {
  const notice = check.kind === 'ok' ? undefined : decisionNotice(check, 'reject');
  if (!notice || !viewId) return;
  await client.views.update({ view_id: viewId, view: rejectRefusedModal({ notice, sandbox }) });
}

export function rejectAction(approvals: Approvals, logger: Logger, sandbox: boolean) {
  return async (args: ApprovalClickArgs): Promise<void> => {
    await args.ack();
    const log = requestLog(args.context, logger);
    const click = parseApprovalClick(args);
    if (!click?.triggerId) {
      log.warn('reject click without a request ID or trigger; ignored');
      return;
    }
    const target = clickReplyTarget(args, click, log);
    try {
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
      const opened = await args.client.views.open({
        trigger_id: click.triggerId,
        view: rejectReasonModal({ request: check.request, privateMetadata, sandbox }),
      });
      if (check.kind === 'checking')
        await refuseLate(args.client, opened.view?.id, await check.result, sandbox);
    } catch (err) {
      log.error({ err, requestId: click.requestId }, 'could not open the reject modal');
      await replyPrivately(target, `:warning: I could not open the reject form: ${userMessageOf(err)}`);
    }
  };
}
