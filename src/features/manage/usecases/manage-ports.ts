/**
 * How the management use cases reach Slack: they hand over data (a summary page, a schedule, a
 * deletion's outcome) and the feature's adapter (`../slack/manage-messages.ts`) renders and sends it.
 * Declared here, beside the use cases, so they never import Slack types or the views.
 */
import type { DigestSchedule } from '../store/digest-schedules.js';
import type { Deletion } from '../store/manage-deletions.js';
import type { DigestFrequency } from './digest-periods.js';
import type { SummaryPage } from './service-summaries.js';

/** Where a summary was posted, to turn its pages later. */
export interface PostedSummary {
  readonly channel: string;
  readonly ts: string;
}

export interface SummaryMessages {
  /** Posts one page of the summary into `channel` (paced); rejects with an error whose `userMessage` says how to fix it. */
  postSummary(channel: string, page: SummaryPage): Promise<PostedSummary>;
  /** Shows another page in a posted summary (retried after a 429); rejects with Slack's reason. */
  updateSummary(target: PostedSummary, page: SummaryPage): Promise<void>;
}

interface DigestNotices {
  /** Announces a digest set up in its channel; rejects when the bot cannot post there. */
  digestSet(schedule: DigestSchedule, next: number): Promise<void>;
  /** Announces in `channel` that `userId` stopped its digest. */
  digestStopped(channel: string, userId: string, frequency: DigestFrequency): Promise<void>;
}

export type DeletionOutcome = { readonly ok: true } | { readonly ok: false; readonly problem: string };

interface DeletionNotices {
  /** Tells the requester, in a DM, how their deletion ended. */
  deletionFinished(deletion: Deletion, outcome: DeletionOutcome): Promise<void>;
}

/** Every message the management use cases send. */
export type ManageMessages = SummaryMessages & DigestNotices & DeletionNotices;
