/**
 * The one shape every Slack user, group and channel ID must have before the bot keeps, renders or sends it.
 * Slack documents no fixed length and IDs may contain `_`, so this is deliberately wider than today's
 * `U012ABCDEF`, and narrow enough that nothing mrkdwn-active (`<`, `>`, `|`, `!`, `@`, `&`, spaces) passes.
 */
import { z } from 'zod';

/** `^[A-Z0-9][A-Z0-9_]{1,39}$`, case-insensitive: users (U/W), groups (S), channels (C/G/D), teams (T/E). */
export const SLACK_ID_PATTERN = /^[A-Z0-9][A-Z0-9_]{1,39}$/i;

/** The same pattern without anchors, for parsers that embed an ID in a larger form (`<@U…>`, `T:U:id`). */
export const SLACK_ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9_]{1,39}';

export function isSlackId(value: unknown): value is string {
  return typeof value === 'string' && SLACK_ID_PATTERN.test(value);
}

/** A zod schema for one Slack ID; `what` names it in the error a person sees. */
export function slackIdSchema(what = 'a Slack ID') {
  return z.string().regex(SLACK_ID_PATTERN, `expected ${what} such as U012ABCDEF`);
}

/** Public (`C…`) and private (`G…`) channels, where an announcement makes sense; DMs (`D…`) are not. */
export function isChannelId(value: unknown): value is string {
  return isSlackId(value) && /^[CG]/i.test(value);
}

/**
 * `trigger_id`, `view_id`, `hash` and message `ts` keep Slack's own formats, which Slack does not promise;
 * they are checked for type and length only, and never rendered.
 */
export const slackTokenSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'expected a Slack token');

/**
 * A Slack ID of the shared pattern whose first letter is one of `kinds`: `'UW'` users, `'S'` user
 * groups, `'CG'` channels, `'CGD'` any conversation.
 */
export function isSlackIdOf(value: unknown, kinds: string): value is string {
  return isSlackId(value) && kinds.includes(value.charAt(0).toUpperCase());
}
