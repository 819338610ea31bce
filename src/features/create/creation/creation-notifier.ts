/**
 * Tells people how a creation went: the modal (while it still shows this creation), the channel the
 * command ran in (an announcement) and the creator (a direct message). When the bot cannot post in
 * that channel, the creator learns why and how to fix it, ephemerally where Slack allows, and in the
 * direct message in any case. A direct message that fails is left unsent for the caller to try again;
 * on the last chance the result is said ephemerally where the command ran instead. An unknown outcome
 * is also sent to each bot admin (`VPCEP_ADMINS`), once, naming the request and never a service.
 * Each notice is recorded as sent right after it is out (see `finish`); a failed notice is logged.
 * How a notice reaches Slack is the `CreationNotices` port's.
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
   * Tells the outcome of a finished attempt, notice by notice, and hands what was told so far to
   * `record` right after each notice is out (to be saved with the attempt before the next one), so a
   * crash repeats at most the notice in flight. Returns what was told (`notified.dm` stays unset when
   * the direct message failed, unless `lastChance`). Throws only what `record` throws.
   */
  finish(attempt: Attempt, options: FinishOptions): Promise<Told>;
}

/** What a finished attempt has told, saved with it. */
export type Told = Pick<Attempt, 'notified' | 'announcement'>;

export interface FinishOptions {
  /** The retry window is over: a direct message that fails is said ephemerally instead. */
  readonly lastChance?: boolean;
  /** Saves what was told so far; called after each notice. */
  record(told: Told): Promise<void>;
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

  /** One admin by direct message; one that cannot be reached is logged, not retried. */
  async function tellAdmin(attempt: Attempt, admin: string, tag: AttemptTag): Promise<void> {
    try {
      await notices.tellAdmin(admin, attemptModel(attempt), tag);
    } catch (err) {
      logger.warn({ err, admin, attemptId: attempt.id }, 'could not tell an admin of an unknown outcome');
    }
  }

  /** Where the creator is told the outcome when the direct message cannot be sent in time. */
  async function sayWhereItRan(attempt: Attempt, model: AttemptModel): Promise<void> {
    const channel = attempt.channelId;
    const said =
      channel !== undefined &&
      (await notices.tellEphemerally(whereItRan(attempt, channel), { outcome: model }));
    logger.warn({ attemptId: attempt.id, said }, 'gave up sending the creation result by direct message');
  }

  /** Sends the result to the creator; false when the direct message failed (and it was not the last chance). */
  async function sendResult(attempt: Attempt, lastChance: boolean): Promise<boolean> {
    const model = attemptModel(attempt);
    try {
      await notices.sendResult(model);
      return true;
    } catch (err) {
      logger.warn(
        { err, attemptId: attempt.id, lastChance },
        'could not send the creation result to its creator',
      );
      if (!lastChance) return false;
      await sayWhereItRan(attempt, model);
      return true;
    }
  }

  return {
    showProgress,
    async finish(attempt, options) {
      let told: Told = { notified: { ...attempt.notified }, announcement: attempt.announcement };
      // Each notice is recorded the moment it is out: a crash repeats at most the one in flight.
      const mark = async (change: Attempt['notified'], announcement?: Attempt['announcement']) => {
        told = { notified: { ...told.notified, ...change }, announcement: announcement ?? told.announcement };
        await options.record(told);
      };
      if (attempt.state === 'unknown' && !told.notified.admins) {
        const tag = { key: ATTEMPT_TAG_KEY, value: attemptTagValue(attempt) };
        if (deps.admins.length === 0)
          logger.warn(
            { attemptId: attempt.id },
            'no VPCEP_ADMINS to tell of a creation with an unknown outcome',
          );
        for (const admin of deps.admins) {
          if (told.notified.adminsTold?.includes(admin)) continue;
          await tellAdmin(attempt, admin, tag);
          await mark({ adminsTold: [...(told.notified.adminsTold ?? []), admin] });
        }
        await mark({ admins: true });
      }
      if (attempt.state === 'done' && !told.notified.announce) {
        const announcement = await announce(attempt);
        await mark({ announce: true }, announcement);
      }
      if (!told.notified.modal) {
        await showProgress({ ...attempt, ...told });
        await mark({ modal: true });
      }
      if (!told.notified.dm && (await sendResult({ ...attempt, ...told }, options.lastChance === true)))
        await mark({ dm: true });
      return told;
    },
  };
}
