/**
 * The request messages in Slack (the `ApprovalMessages` port): rendered by the views, posted and updated
 * through the paced channel poster. A channel copy mentions the deciders; a DM goes to them directly.
 * A message Slack can never update again (deleted, the channel archived or left) is `gone`.
 */
import { isSlackIdOf } from '../../../domain/slack-ids.js';
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import { slackErrorCode } from '../../../slack/slack-errors.js';
import type { ApprovalMessages, RequestShown, ThreadNotice } from '../decide/approval-message-port.js';
import { escalationText, reminderText } from '../views/approval-notices.js';
import { approvalRequestMessage } from '../views/approval-request.js';

const GONE_FOR_GOOD = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
  'not_in_channel',
]);

/** Whether an update failed because the message can never be updated again. */
function isGoneForGood(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== undefined && GONE_FOR_GOOD.has(code);
}

/** A DM copy: a DM channel, or a user ID the bot posted to directly. */
const isDirect = (channel: string) => isSlackIdOf(channel, 'DUW');

/** The message of one copy: the channel copy mentions the deciders, DMs do not need to. */
function render(channel: string, shown: RequestShown, sandbox: boolean) {
  return approvalRequestMessage({
    request: shown.request,
    sandbox,
    ...(isDirect(channel) ? {} : { mention: shown.deciders }),
    ...(shown.projectLabel ? { projectLabel: shown.projectLabel } : {}),
  });
}

function noticeText(notice: ThreadNotice): string {
  return notice.kind === 'reminder' ? reminderText(notice) : escalationText(notice);
}

export function slackApprovalMessages(poster: ChannelPoster, sandbox: boolean): ApprovalMessages {
  return {
    async post(to, shown) {
      const message = render(to, shown, sandbox);
      return poster.post({ channel: to, text: message.text, blocks: message.blocks });
    },
    async refresh(copy, shown) {
      const message = render(copy.channel, shown, sandbox);
      try {
        await poster.update({ ...copy, text: message.text, blocks: message.blocks });
        return 'updated';
      } catch (err) {
        if (isGoneForGood(err)) return 'gone';
        throw err;
      }
    },
    async reply(copy, notice) {
      await poster.post({
        channel: copy.channel,
        thread_ts: copy.ts,
        text: noticeText(notice),
        reply_broadcast: notice.kind === 'escalation' && !isDirect(copy.channel),
      });
    },
  };
}
