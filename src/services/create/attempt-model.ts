/** An attempt as the views see it, and when an attempt has nothing left to do. */
import { isChannelId } from '../../domain/slack-ids.js';
import type { Attempt } from '../../stores/create-attempts.js';
import { formatAttemptRef } from '../../stores/create-attempts.js';
import type { AttemptModel } from './screens.js';

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
    serviceId: attempt.serviceId,
    serviceName: attempt.serviceName,
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

/** Done or failed, and the creator told: nothing is left to do. */
export function attemptFinished(attempt: Attempt): boolean {
  return (attempt.state === 'done' || attempt.state === 'failed') && attempt.notified.dm === true;
}

/** Channel IDs (public `C…`, private `G…`) where an announcement makes sense; DMs are not. */
export function isChannel(id: string | undefined): id is string {
  return isChannelId(id);
}
