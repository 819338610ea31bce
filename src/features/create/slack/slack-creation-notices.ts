/**
 * The create flow's `CreationNotices` over Slack: the attempt's modal (`views.update` through the one
 * modal helper), the announcement and direct messages (paced through the channel poster), and
 * ephemeral notes to the creator (the command's response URL while it works, else `chat.postEphemeral`).
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../platform/logging/logger.js';
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import { updateModal } from '../../../slack/modal.js';
import type { CreationNotices, EphemeralNotice } from '../creation/creation-notifier.js';
import {
  attemptSummary,
  createAnnouncement,
  createAttemptView,
  createResultMessage,
  unknownOutcomeNotice,
} from '../views/create-attempt.js';

/** A response_url works for 30 minutes; leave a margin. */
const RESPONSE_URL_LIFETIME_MS = 29 * 60_000;

export interface SlackNoticesDeps {
  readonly slack: WebClient;
  readonly poster: ChannelPoster;
  readonly sandbox: boolean;
  readonly logger: Logger;
}

export function createSlackCreationNotices(deps: SlackNoticesDeps): CreationNotices {
  const { slack, poster, sandbox, logger } = deps;
  const textOf = (notice: EphemeralNotice) =>
    'problem' in notice ? `:warning: ${notice.problem}` : attemptSummary(notice.outcome, sandbox);
  return {
    async showInModal(viewId, model, log) {
      await updateModal(slack, { viewId }, createAttemptView(model, sandbox), { log });
    },
    async announce(channel, model) {
      const posted = await poster.post({ channel, ...createAnnouncement(model, sandbox) });
      return { ts: posted.ts };
    },
    async sendResult(model) {
      await poster.post({ channel: model.userId, ...createResultMessage(model, sandbox) });
    },
    async tellAdmin(admin, model, tag) {
      await poster.post({ channel: admin, ...unknownOutcomeNotice(model, sandbox, tag) });
    },
    async tellEphemerally(to, notice) {
      const text = textOf(notice);
      const fresh = to.responseUrl && Date.now() - (to.responseUrlAt ?? 0) < RESPONSE_URL_LIFETIME_MS;
      try {
        if (fresh && to.responseUrl) {
          const res = await fetch(to.responseUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
          });
          if (res.ok) return true;
        }
        await slack.chat.postEphemeral({ channel: to.channel, user: to.userId, text });
        return true;
      } catch (err) {
        logger.debug({ err, channel: to.channel }, 'could not tell the creator ephemerally');
        return false;
      }
    },
  };
}
