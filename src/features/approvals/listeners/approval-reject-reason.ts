/**
 * The Reject modal's submission: closes at once, then takes the decision with the reason. The outcome
 * shows in the request message; refusals and failures are told privately.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../slack/app-context.js';
import { guarded } from '../../../slack/replying.js';
import type { Approvals } from '../approval-use-cases.js';
import { type ReplyTarget, replyPrivately } from '../slack/private-reply.js';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT, REJECT_REASON_MAX } from '../views/approval-ids.js';
import { decisionNotice } from '../views/approval-notices.js';
import { decodeRejectMetadata } from '../views/approval-reject-metadata.js';
import type { RefreshHome } from './approval-click-payload.js';

type RejectSubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs<AppContext>;

const reasonSchema = z.object({
  [REJECT_REASON_BLOCK]: z
    .object({
      [REJECT_REASON_INPUT]: z.object({ value: z.string().max(REJECT_REASON_MAX).nullish() }).optional(),
    })
    .optional(),
});

/** The submitter, told in the request's channel (a modal has no response_url), else by DM. */
function submitterTarget(args: RejectSubmissionArgs): ReplyTarget {
  const metadata = decodeRejectMetadata(args.view.private_metadata);
  return {
    userId: args.body.user.id,
    channel: metadata?.channel,
    client: args.client,
    log: args.context.log,
  };
}

export function rejectReasonSubmission(approvals: Approvals, refreshHome?: RefreshHome) {
  return guarded(
    'reject',
    async (args: RejectSubmissionArgs): Promise<void> => {
      const log = args.context.log;
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
      const outcome = await approvals.decide({
        requestId: metadata.requestId,
        userId,
        action: 'reject',
        ...(reason ? { reason } : {}),
        ...(metadata.message ? { message: metadata.message } : {}),
      });
      const notice = decisionNotice(outcome, 'reject');
      if (notice) await replyPrivately(submitterTarget(args), notice);
      if (metadata.fromHome) await refreshHome?.(args.client, userId, log);
    },
    { reply: (args, text) => replyPrivately(submitterTarget(args), text) },
  );
}
