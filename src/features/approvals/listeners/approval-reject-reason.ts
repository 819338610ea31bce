/**
 * The Reject modal's submission: closes at once, then takes the decision with the reason. The outcome
 * shows in the request message; refusals and failures are told privately.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { Approvals } from '../approvals-service.js';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT, REJECT_REASON_MAX } from '../views/approval-ids.js';
import { decisionNotice } from '../views/approval-notices.js';
import type { RefreshHome } from './approval-click.js';
import { decodeRejectMetadata } from './approval-reject-metadata.js';
import { replyPrivately } from './approval-reply.js';

const reasonSchema = z.object({
  [REJECT_REASON_BLOCK]: z
    .object({
      [REJECT_REASON_INPUT]: z.object({ value: z.string().max(REJECT_REASON_MAX).nullish() }).optional(),
    })
    .optional(),
});

export function rejectReasonSubmission(approvals: Approvals, logger: Logger, refreshHome?: RefreshHome) {
  return async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(args.context, logger);
    const metadata = decodeRejectMetadata(args.view.private_metadata);
    const values = reasonSchema.safeParse(args.view.state.values);
    if (!values.success) {
      await args.ack({
        response_action: 'errors',
        errors: { [REJECT_REASON_BLOCK]: `Keep the reason under ${REJECT_REASON_MAX} characters.` },
      });
      return;
    }
    await args.ack();
    const userId = args.body.user.id;
    if (!metadata) {
      log.warn('reject modal without its request; ignored');
      return;
    }
    const reason = values.data[REJECT_REASON_BLOCK]?.[REJECT_REASON_INPUT]?.value?.trim() || undefined;
    const target = { userId, channel: metadata.channel, client: args.client, log };
    try {
      const outcome = await approvals.decide({
        requestId: metadata.requestId,
        userId,
        action: 'reject',
        ...(reason ? { reason } : {}),
        ...(metadata.message ? { message: metadata.message } : {}),
      });
      const notice = decisionNotice(outcome, 'reject');
      if (notice) await replyPrivately(target, notice);
      if (metadata.fromHome) await refreshHome?.(args.client, userId, log);
    } catch (err) {
      log.error({ err, requestId: metadata.requestId }, 'reject failed');
      await replyPrivately(target, `:warning: ${userMessageOf(err)}`);
    }
  };
}
