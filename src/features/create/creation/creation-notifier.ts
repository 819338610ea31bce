/**
 * Tells people how a creation went: the modal (while it still shows this creation), the channel the
 * command ran in (an announcement) and the creator (a direct message). When the bot cannot post in
 * that channel, the creator learns why and how to fix it, ephemerally where Slack allows, and in the
 * direct message in any case. A direct message that fails is left unsent for the caller to try again;
 * on the last chance the result is said ephemerally where the command ran instead. An unknown outcome
 * is also sent to each bot admin (`VPCEP_ADMINS`), once, naming the request and never a service.
 * Never throws: a failed notice is logged. How a notice reaches Slack is the `CreationNotices` port's.
 */
import { channelMention } from '../../../domain/mrkdwn.js';
import { ATTEMPT_TAG_KEY } from '../../../domain/tags.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AttemptModel } from '../model/screen-models.js';
import type { Attempt } from '../store/create-attempts.js';
import type { Drafts } from '../store/drafts.js';
import { attemptModel, attemptTagValue, isChannel } from './attempt-model.js';

/** Where the creator is told ephemerally: the channel the command ran in, or its response URL. */
export interface EphemeralTarget {
  readonly userId: string;
  readonly channel: string;
  readonly responseUrl?: string | undefined;
  /** When the response URL was issued (it works for 30 minutes). */
  readonly responseUrlAt?: number | undefined;
}

/** What the creator is told ephemerally: a problem (written by the bot), or the attempt's outcome. */
export type EphemeralNotice = { readonly problem: string } | { readonly outcome: AttemptModel };

/** The bot's own tag on a service an attempt made, for the admins to find it by. */
export interface AttemptTag {
  readonly key: string;
  readonly value: string;
}

/**
 * How creation notices reach people, implemented by the feature over Slack
 * (`slack/slack-creation-notices.ts`). A post that fails rejects with an error whose `userMessage`
 * says why and how to fix it.
 */
export interface CreationNotices {
  /** Shows the attempt in the modal `viewId`; a modal closed or refused is logged, not thrown. */
  showInModal(viewId: string, model: AttemptModel, log: Logger): Promise<void>;
  /** Announces the new service in `channel`. */
  announce(channel: string, model: AttemptModel): Promise<{ readonly ts: string }>;
  /** Sends the outcome to the creator by direct message. */
  sendResult(model: AttemptModel): Promise<void>;
  /** Tells one bot admin of an attempt whose outcome is unknown. */
  tellAdmin(admin: string, model: AttemptModel, tag: AttemptTag | undefined): Promise<void>;
  /** Says `notice` to the creator only; false when it could not. Never throws. */
  tellEphemerally(to: EphemeralTarget, notice: EphemeralNotice): Promise<boolean>;
}

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
  readonly notices: CreationNotices;
  /** To tell whether the modal still shows this creation (see `stillShowing`). */
  readonly drafts: Drafts;
  readonly logger: Logger;
  /** `VPCEP_ADMINS`: told of every creation whose outcome is unknown. */
  readonly admins: readonly string[];
}

export function createCreationNotifier(deps: NotifierDeps): CreationNotifier {
  const { notices, logger } = deps;

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
    await notices.showInModal(attempt.viewId, attemptModel(attempt), logger.child({ attemptId: attempt.id }));
  }

  const whereItRan = (attempt: Attempt, channel: string): EphemeralTarget => ({
    userId: attempt.userId,
    channel,
    responseUrl: attempt.responseUrl,
    responseUrlAt: attempt.responseUrlAt,
  });

  async function announce(attempt: Attempt): Promise<Attempt['announcement']> {
    const channel = attempt.channelId;
    if (!isChannel(channel)) return undefined;
    try {
      const posted = await notices.announce(channel, attemptModel(attempt));
      return { channel, ts: posted.ts };
    } catch (err) {
      const problem = `I could not announce the new service in ${channelMention(channel)}: ${userMessageOf(err)}`;
      logger.warn({ err, channel, attemptId: attempt.id }, 'could not announce the new service');
      await notices.tellEphemerally(whereItRan(attempt, channel), { problem });
      return { channel, problem };
    }
  }

  /** Each admin by direct message; one that cannot be reached is logged, not retried. */
  async function tellAdmins(attempt: Attempt): Promise<void> {
    const tag = { key: ATTEMPT_TAG_KEY, value: attemptTagValue(attempt) };
    const model = attemptModel(attempt);
    if (deps.admins.length === 0)
      logger.warn({ attemptId: attempt.id }, 'no VPCEP_ADMINS to tell of a creation with an unknown outcome');
    for (const admin of deps.admins) {
      try {
        await notices.tellAdmin(admin, model, tag);
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
          await notices.sendResult(attemptModel(told));
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
              (await notices.tellEphemerally(whereItRan(attempt, channel), { outcome: attemptModel(told) }));
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
