/**
 * Whether a user or channel exists, asked of Slack (`users.info`, `conversations.info`): the create
 * flow's `SlackDirectory`. A known ID is cached for every replica; only Slack's own "no such user /
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

const userAnswer = z.object({ user: z.object({ deleted: z.boolean().optional() }).optional() });
const channelAnswer = z.object({ channel: z.object({ is_archived: z.boolean().optional() }).optional() });

const NOT_FOUND = new Set(['user_not_found', 'user_not_visible', 'channel_not_found']);

export function createSlackDirectory(slack: WebClient, cache: CreateCache, logger: Logger): SlackDirectory {
  const known = z.literal(true);
  async function look(name: string, ask: () => Promise<boolean>): Promise<Existence> {
    if (await cache.peek(name, known)) return 'known';
    try {
      if (!(await ask())) return 'unknown';
      await cache.through(name, known, KNOWN_SECONDS, async () => true as const);
      return 'known';
    } catch (err) {
      if (NOT_FOUND.has(slackErrorCode(err) ?? '')) return 'unknown';
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
