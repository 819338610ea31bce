/**
 * The one way the bot posts into channels. Posts to one channel leave at most about one a second, in
 * order; a 429 pauses that channel for its `Retry-After` and the post is tried again. Interactive calls use
 * another client and never wait here.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatPostMessageArguments, ChatUpdateArguments, WebClient } from '@slack/web-api';
import type { Logger } from '../platform/logging/logger.js';
import { channelPostError, retryAfterSeconds } from './slack-errors.js';
import { wireJson } from './wire-json.js';

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface ChannelPoster {
  /** Posts a message (paced per channel); rejects with a `SlackApiError` that says how to fix it. */
  post(message: ChatPostMessageArguments): Promise<PostedMessage>;
  /** Updates a message; retried after a 429, not paced. */
  update(message: ChatUpdateArguments): Promise<void>;
}

export interface ChannelPosterOptions {
  client: WebClient;
  logger: Logger;
  /** Minimum gap between posts to one channel. */
  intervalMs?: number;
  /** Attempts when Slack answers 429. */
  maxAttempts?: number;
  onError?: (method: string, err: unknown) => void;
}

/** The message with its blocks serialized once (see `wire-json.ts`). */
function withWireBlocks<M extends object>(message: M): M {
  return 'blocks' in message && message.blocks !== undefined
    ? { ...message, blocks: wireJson(message.blocks) }
    : message;
}

export function createChannelPoster(options: ChannelPosterOptions): ChannelPoster {
  const interval = options.intervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 4;
  const tails = new Map<string, Promise<unknown>>();
  const nextAt = new Map<string, number>();

  async function withRateLimitRetry<T>(channel: string, method: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        options.onError?.(method, err);
        const retryAfter = retryAfterSeconds(err);
        if (retryAfter === undefined || attempt >= maxAttempts) throw channelPostError(channel, err, method);
        options.logger.warn({ channel, method, retryAfter }, 'slack rate limited a channel call; waiting');
        nextAt.set(channel, Date.now() + retryAfter * 1000);
        await sleep(retryAfter * 1000);
      }
    }
  }

  async function paced(channel: string, message: ChatPostMessageArguments): Promise<PostedMessage> {
    const wait = (nextAt.get(channel) ?? 0) - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      const result = await withRateLimitRetry(channel, 'chat.postMessage', () =>
        options.client.chat.postMessage(withWireBlocks(message)),
      );
      return { channel: result.channel ?? channel, ts: result.ts ?? '' };
    } finally {
      nextAt.set(channel, Math.max(nextAt.get(channel) ?? 0, Date.now() + interval));
    }
  }

  return {
    post(message) {
      const channel = message.channel;
      const previous = tails.get(channel) ?? Promise.resolve();
      const result = previous.catch(() => undefined).then(() => paced(channel, message));
      const tail = result.catch(() => undefined);
      tails.set(channel, tail);
      void tail.then(() => {
        if (tails.get(channel) === tail) tails.delete(channel);
      });
      return result;
    },
    async update(message) {
      await withRateLimitRetry(message.channel, 'chat.update', () =>
        options.client.chat.update(withWireBlocks(message)),
      );
    },
  };
}
