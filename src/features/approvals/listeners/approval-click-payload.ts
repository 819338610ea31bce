/** What the approval buttons send: the request ID as the button value, and who clicked where. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isSlackIdOf, slackIdSchema, slackTokenSchema } from '../../../domain/slack-ids.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AppContext } from '../../../slack/app-context.js';
import { type ReplyTarget, replyPrivately } from '../slack/private-reply.js';
import type { MessageCopy } from '../store/approval-request-types.js';
import { DECISION_BLOCK } from '../views/approval-ids.js';

export type ApprovalClickArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> &
  AllMiddlewareArgs<AppContext>;

/** A Slack ID of the shared pattern, of one of `kinds` (`UW` users, `CGD` conversations). */
const idOf = (kinds: string) =>
  slackIdSchema().refine((id) => isSlackIdOf(id, kinds), `expected a Slack ID starting with one of ${kinds}`);

const clickSchema = z.object({
  action: z.object({ value: z.string().min(1).max(300), block_id: z.string().optional() }),
  body: z.object({
    user: z.object({ id: idOf('UW') }),
    trigger_id: slackTokenSchema.optional(),
    view: z.object({ type: z.string().optional() }).optional(),
    channel: z.object({ id: idOf('CGD') }).optional(),
    container: z
      .object({
        type: z.string().optional(),
        channel_id: idOf('CGD').optional(),
        message_ts: slackTokenSchema.optional(),
        is_ephemeral: z.boolean().optional(),
      })
      .optional(),
  }),
});

export interface ApprovalClick {
  readonly requestId: string;
  readonly userId: string;
  readonly triggerId: string | undefined;
  readonly channel: string | undefined;
  /**
   * The request message clicked, when the click came from one (not App Home, not an ephemeral message,
   * not a summary that shows several requests): a copy of the request to keep current.
   */
  readonly message: MessageCopy | undefined;
  /** The click came from the clicker's App Home, which then shows stale buttons until published again. */
  readonly fromHome: boolean;
}

/** Publishes a person's App Home again (provided by the management feature). */
export type RefreshHome = (client: WebClient, userId: string, log: Logger) => Promise<void>;

/** The click, checked; undefined when the payload is not one of our buttons. */
export function parseApprovalClick(
  args: Pick<ApprovalClickArgs, 'action' | 'body'>,
): ApprovalClick | undefined {
  const parsed = clickSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const { action, body } = parsed.data;
  const container = body.container;
  const isRequestMessage =
    container?.type === 'message' &&
    container.is_ephemeral !== true &&
    action.block_id === DECISION_BLOCK &&
    container.channel_id !== undefined &&
    container.message_ts !== undefined;
  return {
    requestId: action.value,
    userId: body.user.id,
    triggerId: body.trigger_id,
    channel: body.channel?.id ?? container?.channel_id,
    message:
      isRequestMessage && container.channel_id && container.message_ts
        ? { channel: container.channel_id, ts: container.message_ts }
        : undefined,
    fromHome: body.view?.type === 'home',
  };
}

/** Where to tell the clicker privately: the click's response_url, else its channel, else a DM. */
export function clickReplyTarget(
  args: Pick<ApprovalClickArgs, 'respond' | 'client' | 'context'>,
  click: ApprovalClick,
): ReplyTarget {
  return {
    userId: click.userId,
    respond: args.respond,
    channel: click.channel,
    client: args.client,
    log: args.context.log,
  };
}

/** Tells the clicker privately what went wrong (the listeners' error reply); nothing for a foreign payload. */
export async function replyToClick(args: ApprovalClickArgs, text: string): Promise<void> {
  const click = parseApprovalClick(args);
  if (click) await replyPrivately(clickReplyTarget(args, click), text);
}
