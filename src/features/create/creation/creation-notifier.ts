/**
 * Tells people how a creation went: the modal (while it still shows this creation), the channel the
 * command ran in (an announcement, paced through the channel poster) and the creator (a direct
 * message). When the bot cannot post in that channel, the creator learns why and how to fix it,
 * ephemerally where Slack allows, and in the direct message in any case. A direct message that fails
 * is left unsent for the caller to try again; on the last chance the result is said ephemerally where
 * the command ran instead. An unknown outcome is also sent to each bot admin (`VPCEP_ADMINS`), once,
 * naming the request and never a service. Never throws: a failed notice is logged.
 */
import type { WebClient } from '@slack/web-api';
import { channelMention } from '../../../domain/mrkdwn.js';
import { ATTEMPT_TAG_KEY } from '../../../domain/tags.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import { updateModal } from '../flow/modal-updates.js';
import type { Attempt } from '../store/create-attempts.js';
import type { Drafts } from '../store/drafts.js';
import {
  attemptSummary,
  createAnnouncement,
  createAttemptView,
  createResultMessage,
  unknownOutcomeNotice,
} from '../views/create-attempt.js';
import { attemptModel, attemptTagValue, isChannel } from './attempt-model.js';

/** A response_url works for 30 minutes; leave a margin. */
const RESPONSE_URL_LIFETIME_MS = 29 * 60_000;

export interface CreationNotifier {
  /** Shows the attempt's current state in its modal, if one may be open. */
  showProgress(attempt: Attempt): Promise<void>;
  /**
   * Tells the outcome of a finished attempt; returns what was told, to be saved with it (`notified.dm`
   * stays unset when the direct message failed, unless `lastChance`).
   */
  finish(
    attempt: Attempt,
    options?: { readonly lastChance?: boolean },
  ): Promise<Pick<Attempt, 'notified' | 'announcement'>>;
}

export interface NotifierDeps {
  readonly slack: WebClient;
  /** To tell whether the modal still shows this creation (see `stillShowing`). */
  readonly drafts: Drafts;
  readonly poster: ChannelPoster;
  readonly sandbox: boolean;
  readonly logger: Logger;
  /** `VPCEP_ADMINS`: told of every creation whose outcome is unknown. */
  readonly admins: readonly string[];
}

export function createCreationNotifier(deps: NotifierDeps): CreationNotifier {
  const { slack, poster, sandbox, logger } = deps;

  /**
   * The modal still shows this creation unless the person has moved its draft on since Create (Edit
   * and retry, a new draft): the draft's revision is still the one the attempt was made from. The
   * update carries no hash (the attempt view came with an ack), so this is its guard.
   */
  async function stillShowing(attempt: Attempt): Promise<boolean> {
    if (attempt.draftRevision === undefined) return true;
    try {
      const draft = await deps.drafts.get(attempt);
      return !draft || (draft.id === attempt.draftId && draft.revision === attempt.draftRevision);
    } catch {
      return true; // Redis away: the update is harmless next to a modal stuck on "Creating…".
    }
  }

  async function showProgress(attempt: Attempt): Promise<void> {
    if (!attempt.viewId) return;
    if (!(await stillShowing(attempt))) {
      logger.debug({ attemptId: attempt.id }, 'the creation modal shows something newer; not updated');
      return;
    }
    // Closed by the user, or refused: the direct message carries the result anyway.
    await updateModal(slack, { viewId: attempt.viewId }, createAttemptView(attemptModel(attempt), sandbox), {
      log: logger.child({ attemptId: attempt.id }),
    });
  }

  async function tellEphemerally(attempt: Attempt, channel: string, text: string): Promise<boolean> {
    const fresh = attempt.responseUrl && Date.now() - (attempt.responseUrlAt ?? 0) < RESPONSE_URL_LIFETIME_MS;
    try {
      if (fresh && attempt.responseUrl) {
        const res = await fetch(attempt.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        });
        if (res.ok) return true;
      }
      await slack.chat.postEphemeral({ channel, user: attempt.userId, text });
      return true;
    } catch (err) {
      logger.debug({ err, channel }, 'could not tell the creator ephemerally');
      return false;
    }
  }

  async function announce(attempt: Attempt): Promise<Attempt['announcement']> {
    const channel = attempt.channelId;
    if (!isChannel(channel)) return undefined;
    try {
      const posted = await poster.post({ channel, ...createAnnouncement(attemptModel(attempt), sandbox) });
      return { channel, ts: posted.ts };
    } catch (err) {
      const problem = `I could not announce the new service in ${channelMention(channel)}: ${userMessageOf(err)}`;
      logger.warn({ err, channel, attemptId: attempt.id }, 'could not announce the new service');
      await tellEphemerally(attempt, channel, `:warning: ${problem}`);
      return { channel, problem };
    }
  }

  /** Each admin by direct message; one that cannot be reached is logged, not retried. */
  async function tellAdmins(attempt: Attempt): Promise<void> {
    const tag = { key: ATTEMPT_TAG_KEY, value: attemptTagValue(attempt) };
    const notice = unknownOutcomeNotice(attemptModel(attempt), sandbox, tag);
    if (deps.admins.length === 0)
      logger.warn({ attemptId: attempt.id }, 'no VPCEP_ADMINS to tell of a creation with an unknown outcome');
    for (const admin of deps.admins) {
      try {
        await poster.post({ channel: admin, ...notice });
      } catch (err) {
        logger.warn({ err, admin, attemptId: attempt.id }, 'could not tell an admin of an unknown outcome');
      }
    }
  }

  return {
    showProgress,
    async finish(attempt, options = {}) {
      const notified = { ...attempt.notified };
      let announcement = attempt.announcement;
      if (attempt.state === 'unknown' && !notified.admins) {
        await tellAdmins(attempt);
        notified.admins = true;
      }
      if (attempt.state === 'done' && !notified.announce) {
        announcement = await announce(attempt);
        notified.announce = true;
      }
      const told = { ...attempt, announcement };
      if (!notified.modal) {
        await showProgress(told);
        notified.modal = true;
      }
      if (!notified.dm) {
        try {
          await poster.post({ channel: attempt.userId, ...createResultMessage(attemptModel(told), sandbox) });
          notified.dm = true;
        } catch (err) {
          logger.warn(
            { err, attemptId: attempt.id, lastChance: options.lastChance === true },
            'could not send the creation result to its creator',
          );
          if (options.lastChance) {
            const channel = attempt.channelId;
            const said =
              channel !== undefined &&
              (await tellEphemerally(attempt, channel, attemptSummary(attemptModel(told), sandbox)));
            logger.warn(
              { attemptId: attempt.id, said },
              'gave up sending the creation result by direct message',
            );
            notified.dm = true;
          }
        }
      }
      return { notified, announcement };
    },
  };
}
