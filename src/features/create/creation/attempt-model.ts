/** An attempt as the views see it, and when an attempt has nothing left to do. */
import { createHash } from 'node:crypto';
import { isChannelId } from '../../../domain/slack-ids.js';
import { MAX_TAG_VALUE } from '../../../domain/tags.js';
import type { AttemptModel } from '../model/screen-models.js';
import type { Attempt } from '../store/create-attempts.js';
import { formatAttemptRef } from '../store/create-attempts.js';

export function attemptModel(attempt: Attempt): AttemptModel {
  return {
    attemptRef: formatAttemptRef(attempt),
    state: attempt.state,
    userId: attempt.userId,
    region: attempt.region,
    spec: {
      ...attempt.spec,
      name: attempt.spec.name,
      description: attempt.spec.description,
      approvalChannel: attempt.spec.approvalChannel,
    },
    labels: attempt.labels,
    // An unknown outcome shows no service: the one in question may be someone else's.
    serviceId: attempt.state === 'unknown' ? undefined : attempt.serviceId,
    serviceName: attempt.state === 'unknown' ? undefined : attempt.serviceName,
    error: attempt.error,
    whitelistProblem: attempt.whitelistProblem,
    channelId: attempt.channelId,
    announceProblem: attempt.announcement?.problem,
  };
}

/** The attempt a review makes: named after the draft and the review, so each review is claimed once. */
export function attemptIdOf(draftId: string, reviewId: string | undefined): string {
  return `${draftId}.${reviewId ?? 'review'}`;
}

/** Done, failed or unknown, and the creator told: nothing is left to do. */
export function attemptFinished(attempt: Attempt): boolean {
  return (
    (attempt.state === 'done' || attempt.state === 'failed' || attempt.state === 'unknown') &&
    attempt.notified.dm === true
  );
}

/**
 * The value of the bot's tag on every service it creates: a digest of the attempt's full
 * reference (team, user, draft and review), so it is unique to the attempt across the workspace and
 * fits a tag value (hex digits, at most 43).
 */
export function attemptTagValue(attempt: Pick<Attempt, 'teamId' | 'userId' | 'id'>): string {
  return createHash('sha256')
    .update(formatAttemptRef(attempt))
    .digest('hex')
    .slice(0, Math.min(40, MAX_TAG_VALUE));
}

/** Channel IDs (public `C…`, private `G…`) where an announcement makes sense; DMs are not. */
export function isChannel(id: string | undefined): id is string {
  return isChannelId(id);
}
