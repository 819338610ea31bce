/**
 * Telling the person who clicked something only they should see: ephemeral through the click's
 * response_url, or (clicks in a modal or App Home have none) an ephemeral message in the request's
 * channel, or a DM as the last resort. Never throws: a failed notice is logged.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../platform/logging/logger.js';

export interface ReplyTarget {
  readonly userId: string;
  /** Bolt's `respond` when the interaction carried a response_url. */
  readonly respond?: (message: {
    response_type: 'ephemeral';
    replace_original: false;
    text: string;
  }) => Promise<unknown>;
  /** The channel of the message the user acted on, when known. */
  readonly channel?: string;
  readonly client: WebClient;
  readonly log: Logger;
}

export async function replyPrivately(target: ReplyTarget, text: string): Promise<void> {
  try {
    if (target.respond) {
      await target.respond({ response_type: 'ephemeral', replace_original: false, text });
    } else if (target.channel) {
      await target.client.chat.postEphemeral({ channel: target.channel, user: target.userId, text });
    } else {
      await target.client.chat.postMessage({ channel: target.userId, text });
    }
  } catch (err) {
    target.log.warn({ err }, 'could not tell the user privately');
  }
}
