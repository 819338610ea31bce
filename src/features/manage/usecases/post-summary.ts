/**
 * Posting the service summary into a channel, and turning its pages. Every channel post goes through
 * the paced poster (behind the `SummaryMessages` port). When the bot cannot post there, the caller gets
 * the reason (how to fix it) and the page, so the person who asked can still read it ephemerally.
 */

import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { PostedSummary, SummaryMessages } from './manage-ports.js';
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
  | { readonly posted: PostedSummary }
  | { readonly refused: string; readonly page: SummaryPage };

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
    return { refused: userMessageOf(err), page };
  }
}

/**
 * Shows another page in a posted summary message (`chat.update`, retried after a 429). A refusal
 * names the update, not a post, as what failed.
 */
export async function turnSummaryPage(
  deps: PostSummaryDeps,
  target: PostedSummary,
  request: SummaryRequest,
): Promise<void> {
  const page = await loadSummaryPage(deps, request);
  await deps.messages.updateSummary(target, page);
}
