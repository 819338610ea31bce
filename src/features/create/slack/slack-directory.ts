/**
 * Whether a user or channel exists, asked of Slack (`users.info`, `conversations.info`): the create
 * flow's `SlackDirectory`. A known ID is cached for every replica (an unknown one for 30 s); only Slack's own "no such user /
 * channel" makes an ID unknown, and a look-up Slack does not answer is `unanswered`.
 */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { slackErrorCode } from '../../../slack/slack-errors.js';
import type { Existence, SlackDirectory } from '../flow/owner-checks.js';
import type { CreateCache } from '../store/create-cache.js';

/** A known ID stays known this long (people and channels are rarely deleted in between). */
const KNOWN_SECONDS = 600;
/**
 * Slack's "no such user / channel" is remembered this long, so a form submitted again and again with
 * the same made-up IDs does not ask Slack each time (and spend the bot's rate limit).
 */
const UNKNOWN_SECONDS = 30;

const userAnswer = z.object({ user: z.object({ deleted: z.boolean().optional() }).optional() });
const channelAnswer = z.object({ channel: z.object({ is_archived: z.boolean().optional() }).optional() });

const NOT_FOUND = new Set(['user_not_found', 'user_not_visible', 'channel_not_found']);

export function createSlackDirectory(slack: WebClient, cache: CreateCache, logger: Logger): SlackDirectory {
  const answered = z.enum(['known', 'unknown']);
  async function remember(name: string, state: 'known' | 'unknown'): Promise<typeof state> {
    const seconds = state === 'known' ? KNOWN_SECONDS : UNKNOWN_SECONDS;
    return cache.through(name, answered, seconds, async () => state);
  }
  async function look(name: string, ask: () => Promise<boolean>): Promise<Existence> {
    const cached = await cache.peek(name, answered);
    if (cached) return cached;
    try {
      return await remember(name, (await ask()) ? 'known' : 'unknown');
    } catch (err) {
      if (NOT_FOUND.has(slackErrorCode(err) ?? '')) return remember(name, 'unknown');
      logger.info({ err, name }, 'could not look up a Slack ID; its form was checked');
      return 'unanswered';
    }
  }
  return {
    user: (id) =>
      look(`slack:user:${id}`, async () => {
        const answer = userAnswer.parse(await slack.users.info({ user: id }));
        return answer.user?.deleted !== true;
      }),
    channel: (id) =>
      look(`slack:channel:${id}`, async () => {
        const answer = channelAnswer.parse(await slack.conversations.info({ channel: id }));
        return answer.channel?.is_archived !== true;
      }),
  };
}
