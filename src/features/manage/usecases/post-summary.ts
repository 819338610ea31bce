/**
 * Posting the service summary into a channel, and turning its pages. Every channel post goes through
 * the paced poster. When the bot cannot post there, the caller gets the reason (how to fix it) and the
 * rendered summary, so the person who asked can still read it ephemerally.
 */

import { channelMention } from '../../../domain/mrkdwn.js';
import type { ChannelPoster, PostedMessage } from '../../../slack/channel-poster.js';
import { channelPostError, SlackApiError, slackErrorCode } from '../../../slack/slack-errors.js';
import type { ManageMessage } from '../views/manage-format.js';
import { type ListPageState, serviceSummaryMessage } from '../views/service-summary-message.js';
import { loadSummaryPage, type SummaryDeps, type SummaryRequest } from './service-summaries.js';

export interface PostSummaryDeps extends SummaryDeps {
  readonly poster: ChannelPoster;
}

export type PostSummaryResult =
  | { readonly posted: PostedMessage }
  | { readonly refused: string; readonly message: ManageMessage };

/** Loads and renders one page of the summary. */
export async function renderSummary(deps: SummaryDeps, request: SummaryRequest): Promise<ManageMessage> {
  return serviceSummaryMessage(await loadSummaryPage(deps, request), new Date());
}

export function pageRequest(state: ListPageState): SummaryRequest {
  return { kind: state.k, filter: state.f, page: state.p };
}

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
 * a refused post returns the reason and the message.
 */
export async function postSummary(
  deps: PostSummaryDeps,
  channel: string,
  request: SummaryRequest,
): Promise<PostSummaryResult> {
  return postRendered(deps, channel, await renderSummary(deps, request));
}

/** Posts an already rendered summary (digests render once for every channel due at the same time). */
export async function postRendered(
  deps: PostSummaryDeps,
  channel: string,
  message: ManageMessage,
): Promise<PostSummaryResult> {
  try {
    const posted = await deps.poster.post({ channel, ...message, unfurl_links: false, unfurl_media: false });
    return { posted };
  } catch (err) {
    deps.logger.warn({ err, channel }, 'could not post the service summary');
    return { refused: postProblem(channel, err), message };
  }
}

/**
 * Shows another page in a posted summary message (`chat.update`, retried after a 429). A refusal
 * names the update, not a post, as what failed.
 */
export async function turnSummaryPage(
  deps: PostSummaryDeps,
  target: PostedMessage,
  state: ListPageState,
): Promise<void> {
  const message = await renderSummary(deps, pageRequest(state));
  try {
    await deps.poster.update({ channel: target.channel, ts: target.ts, ...message });
  } catch (err) {
    throw err instanceof SlackApiError ? channelPostError(target.channel, err.cause, 'chat.update') : err;
  }
}
