/**
 * Reject: acknowledged at once; someone who may decide gets the reason modal (opened with the click's
 * trigger, which lives 3 s, so only a Redis check comes first); anyone else is told privately.
 */

import { userMessageOf } from '../../errors/app-error.js';
import type { Logger } from '../../logging/logger.js';
import type { Approvals } from '../../services/approvals/index.js';
import { decisionNotice } from '../../ui/approval-notices.js';
import { rejectReasonModal } from '../../ui/approval-reject-modal.js';
import { requestLog } from '../middleware/request-context.js';
import { encodeRejectMetadata } from '../views/approval-reject-metadata.js';
import { type ApprovalClickArgs, parseApprovalClick } from './approval-click.js';
import { replyPrivately } from './approval-reply.js';

export function rejectAction(approvals: Approvals, logger: Logger, sandbox: boolean) {
  return async (args: ApprovalClickArgs): Promise<void> => {
    await args.ack();
    const log = requestLog(args.context, logger);
    const click = parseApprovalClick(args);
    if (!click?.triggerId) {
      log.warn('reject click without a request ID or trigger; ignored');
      return;
    }
    const target = {
      userId: click.userId,
      respond: args.respond,
      channel: click.channel,
      client: args.client,
      log,
    };
    try {
      const check = await approvals.check(click.requestId, click.userId);
      if (check.kind !== 'ok') {
        const notice = decisionNotice(check, 'reject');
        if (notice) await replyPrivately(target, notice);
        return;
      }
      const privateMetadata = encodeRejectMetadata({ requestId: click.requestId, channel: click.channel });
      await args.client.views.open({
        trigger_id: click.triggerId,
        view: rejectReasonModal({ request: check.request, privateMetadata, sandbox }),
      });
    } catch (err) {
      log.error({ err, requestId: click.requestId }, 'could not open the reject modal');
      await replyPrivately(target, `:warning: I could not open the reject form: ${userMessageOf(err)}`);
    }
  };
}
