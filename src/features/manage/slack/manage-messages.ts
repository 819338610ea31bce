/**
 * The management feature's messages as Slack gets them: renders the data the use cases hand over with
 * the views and sends it through the paced channel poster (the `ManageMessages` port).
 */
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import type { ManageMessages } from '../usecases/manage-ports.js';
import { digestOffNotice, digestSetNotice } from '../views/digest-message.js';
import { deletionResultMessage } from '../views/manage-delete-message.js';
import { serviceSummaryMessage } from '../views/service-summary-message.js';

export function createManageMessages(poster: ChannelPoster, sandbox: boolean): ManageMessages {
  return {
    postSummary: (channel, page) =>
      poster.post({
        channel,
        ...serviceSummaryMessage(page, new Date()),
        unfurl_links: false,
        unfurl_media: false,
      }),
    updateSummary: (target, page) =>
      poster.update({ channel: target.channel, ts: target.ts, ...serviceSummaryMessage(page, new Date()) }),
    async digestSet(schedule, next) {
      await poster.post({ channel: schedule.channel, ...digestSetNotice(schedule, next, sandbox) });
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
