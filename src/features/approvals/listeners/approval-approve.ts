/** Approve: acknowledged at once, then decided on the server; refusals are told privately. */

import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { Approvals } from '../approvals-service.js';
import { decisionNotice } from '../views/approval-notices.js';
import {
  type ApprovalClickArgs,
  clickReplyTarget,
  parseApprovalClick,
  type RefreshHome,
} from './approval-click.js';
import { replyPrivately } from './approval-reply.js';

export function approveAction(approvals: Approvals, logger: Logger, refreshHome?: RefreshHome) {
  return async (args: ApprovalClickArgs): Promise<void> => {
    await args.ack();
    const log = requestLog(args.context, logger);
    const click = parseApprovalClick(args);
    if (!click) {
      log.warn('approve click without a request ID; ignored');
      return;
    }
    const target = clickReplyTarget(args, click, log);
    try {
      const outcome = await approvals.decide({
        requestId: click.requestId,
        userId: click.userId,
        action: 'approve',
        ...(click.message ? { message: click.message } : {}),
      });
      const notice = decisionNotice(outcome, 'approve');
      if (notice) await replyPrivately(target, notice);
      if (click.fromHome) await refreshHome?.(args.client, click.userId, log);
    } catch (err) {
      log.error({ err, requestId: click.requestId }, 'approve failed');
      await replyPrivately(target, `:warning: ${userMessageOf(err)}`);
    }
  };
}
