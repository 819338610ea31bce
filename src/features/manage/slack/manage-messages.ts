/**
 * The management feature's messages as Slack gets them: renders the data the use cases hand over with
 * the views and sends it through the paced channel poster (the `ManageMessages` port).
 */
import { channelMention } from '../../../domain/mrkdwn.js';
import { AppError } from '../../../platform/errors/app-error.js';
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import { channelPostError, SlackApiError, slackErrorCode } from '../../../slack/slack-errors.js';
import type { ManageMessages } from '../usecases/manage-ports.js';
import { digestOffNotice, digestSetNotice } from '../views/digest-message.js';
import { deletionResultMessage } from '../views/manage-delete-message.js';
import { serviceSummaryMessage } from '../views/service-summary-message.js';

/** Why a post into `channel` failed, in words that say how to fix it. */
function postProblem(channel: string, err: unknown): string {
  const code = slackErrorCode(err);
  if (channel.startsWith('D') && (code === 'channel_not_found' || code === 'not_in_channel'))
    return 'I cannot post in this direct message because I am not part of it. Run the command in a channel I am in (invite me with `/invite @vpcep-bot`), or in my Messages tab.';
  return err instanceof SlackApiError
    ? err.userMessage
    : `Slack refused my post in ${channelMention(channel)}. Please try again.`;
}

/** A refused post, as an error whose `userMessage` the use case hands on. */
function refused(channel: string, err: unknown): AppError {
  return new AppError('MANAGE_POST_REFUSED', 'a post into a channel was refused', {
    userMessage: postProblem(channel, err),
    cause: err,
  });
}

export function createManageMessages(poster: ChannelPoster, sandbox: boolean): ManageMessages {
  return {
    postSummary: (channel, page) =>
      poster
        .post({
          channel,
          ...serviceSummaryMessage(page, new Date()),
          unfurl_links: false,
          unfurl_media: false,
        })
        .catch((err: unknown) => {
          throw refused(channel, err);
        }),
    updateSummary: (target, page) =>
      poster
        .update({ channel: target.channel, ts: target.ts, ...serviceSummaryMessage(page, new Date()) })
        .catch((err: unknown) => {
          // A refusal names the update, not a post, as what failed.
          throw err instanceof SlackApiError
            ? channelPostError(target.channel, err.cause, 'chat.update')
            : err;
        }),
    async digestSet(schedule, next) {
      await poster
        .post({ channel: schedule.channel, ...digestSetNotice(schedule, next, sandbox) })
        .catch((err: unknown) => {
          throw refused(schedule.channel, err);
        });
    },
    async digestStopped(channel, userId, frequency) {
      await poster.post({ channel, ...digestOffNotice(userId, frequency, sandbox) });
    },
    async deletionFinished(deletion, outcome) {
      await poster.post({
        channel: deletion.requestedBy,
        ...deletionResultMessage(deletion.label, deletion.serviceId, outcome, sandbox),
      });
    },
  };
}
