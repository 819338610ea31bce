/** Approve: acknowledged at once, then decided on the server; refusals are told privately. */

import { guarded } from '../../../slack/replying.js';
import type { Approvals } from '../approval-use-cases.js';
import { replyPrivately } from '../slack/private-reply.js';
import { decisionNotice } from '../views/approval-notices.js';
import {
  type ApprovalClickArgs,
  clickReplyTarget,
  parseApprovalClick,
  type RefreshHome,
  replyToClick,
} from './approval-click-payload.js';

export function approveAction(approvals: Approvals, refreshHome?: RefreshHome) {
  return guarded(
    'approve',
    async (args: ApprovalClickArgs): Promise<void> => {
      await args.ack();
      const log = args.context.log;
      const click = parseApprovalClick(args);
      if (!click) {
        log.warn('approve click without a request ID; ignored');
        return;
      }
      const outcome = await approvals.decide({
        requestId: click.requestId,
        userId: click.userId,
        action: 'approve',
        ...(click.message ? { message: click.message } : {}),
      });
      const notice = decisionNotice(outcome, 'approve');
      if (notice) await replyPrivately(clickReplyTarget(args, click), notice);
      if (click.fromHome) await refreshHome?.(args.client, click.userId, log);
    },
    { reply: replyToClick },
  );
}
