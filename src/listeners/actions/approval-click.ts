/** What the approval buttons send: the request ID as the button value, and who clicked where. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';

export type ApprovalClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const clickSchema = z.object({
  action: z.object({ value: z.string().min(1).max(300) }),
  body: z.object({
    user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]+$/) }),
    trigger_id: z.string().optional(),
    channel: z.object({ id: z.string() }).optional(),
    container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  }),
});

export interface ApprovalClick {
  readonly requestId: string;
  readonly userId: string;
  readonly triggerId: string | undefined;
  readonly channel: string | undefined;
}

/** The click, checked; undefined when the payload is not one of our buttons. */
export function parseApprovalClick(
  args: Pick<ApprovalClickArgs, 'action' | 'body'>,
): ApprovalClick | undefined {
  const parsed = clickSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const { action, body } = parsed.data;
  return {
    requestId: action.value,
    userId: body.user.id,
    triggerId: body.trigger_id,
    channel: body.channel?.id ?? body.container?.channel_id,
  };
}
