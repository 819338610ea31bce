/**
 * What Slack does with the bot's HTTP acks that carry content: a slash command's ack is a message
 * (ephemeral or in channel), and a `block_suggestion` ack is an options list. Both obey the same limits
 * as Web API payloads; a refusal is recorded like any other.
 */
import { checkMessage } from './block-kit-limits.js';
import { checkOptionList } from './block-kit-options.js';
import { type Issues, isRecord } from './block-kit-text.js';
import type { LimitIssue, SlackArgs } from './emulator-types.js';

/** Issues in a slash command ack body (an empty ack is fine). */
export function commandAckIssues(body: unknown): LimitIssue[] {
  if (!isRecord(body)) return [];
  return [...(checkMessage(body as SlackArgs, false)?.issues ?? [])];
}

/** Issues in an options response to `block_suggestion` (≤ 100 options or groups, Slack's option limits). */
export function optionsAckIssues(body: unknown): LimitIssue[] {
  if (!isRecord(body)) return [{ path: '', message: 'an options response must be a JSON object' }];
  const out: Issues = [];
  checkOptionList(body, '', out, { maxOptions: 100, allowGroups: true, plainOnly: true, required: true });
  return out;
}
