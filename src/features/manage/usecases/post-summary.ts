/**
 * Posting the service summary into a channel, and turning its pages. Every channel post goes through
 * the paced poster (behind the `SummaryMessages` port). When the bot cannot post there, the caller gets
 * the reason (how to fix it) and the page, so the person who asked can still read it ephemerally.
 */

import { channelMention } from '../../../domain/mrkdwn.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { PostedMessage } from '../../../slack/channel-poster.js';
import { channelPostError, SlackApiError, slackErrorCode } from '../../../slack/slack-errors.js';
import type { SummaryMessages } from './manage-ports.js';
import {
  loadSummaryPage,
  type SummaryDeps,
  type SummaryPage,
  type SummaryRequest,
} from './service-summaries.js';

export interface PostSummaryDeps extends SummaryDeps {
  readonly messages: SummaryMessages;
  readonly logger: Logger;
}

export type PostSummaryResult =
  | { readonly posted: PostedMessage }
  | { readonly refused: string; readonly page: SummaryPage };

/** Why a post into `channel` failed, in words that say how to fix it. */
export function postProblem(channel: string, err: unknown): string {
  const code = slackErrorCode(err);
  if (channel.startsWith('D') && (code === 'channel_not_found' || code === 'not_in_channel'))
    return 'I cannot post in this direct message because I am not part of it. Run the command in a channel I am in (invite me with `/invite @vpcep-bot`), or in my Messages tab.';
  return err instanceof SlackApiError
    ? err.userMessage
    : `Slack refused my post in ${channelMention(channel)}. Please try again.`;
}

/**
 * Posts the first page for `request` into `channel`. Cloud failures throw (nothing was posted);
 * a refused post returns the reason and the page.
 */
export async function postSummary(
  deps: PostSummaryDeps,
  channel: string,
  request: SummaryRequest,
): Promise<PostSummaryResult> {
  return postPage(deps, channel, await loadSummaryPage(deps, request));
}

/** Posts an already loaded page (digests load once for every channel due at the same time). */
export async function postPage(
  deps: PostSummaryDeps,
  channel: string,
  page: SummaryPage,
): Promise<PostSummaryResult> {
  try {
    return { posted: await deps.messages.postSummary(channel, page) };
  } catch (err) {
    deps.logger.warn({ err, channel }, 'could not post the service summary');
    return { refused: postProblem(channel, err), page };
  }
}

/**
 * Shows another page in a posted summary message (`chat.update`, retried after a 429). A refusal
 * names the update, not a post, as what failed.
 */
export async function turnSummaryPage(
  deps: PostSummaryDeps,
  target: PostedMessage,
  request: SummaryRequest,
): Promise<void> {
  const page = await loadSummaryPage(deps, request);
  try {
    await deps.messages.updateSummary(target, page);
  } catch (err) {
    throw err instanceof SlackApiError ? channelPostError(target.channel, err.cause, 'chat.update') : err;
  }
}
