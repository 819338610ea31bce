/**
 * Parses the text of `/vpcep …`. The manifest sets `should_escape: true`, so users, groups and channels
 * arrive as `<@U…|name>`, `<!subteam^S…|@name>` and `<#C…|name>`: rights are decided on those IDs only,
 * never on display names.
 */
import { SLACK_ID_SOURCE } from './slack-ids.js';

export interface ParsedCommand {
  /** Lower-cased first word, or undefined for an empty command. */
  readonly subcommand: string | undefined;
  /** The remaining words as typed (mentions still escaped). */
  readonly args: readonly string[];
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly channels: readonly string[];
}

// The ID inside each mention is the one shared pattern (IDs may contain `_`), after the kind's prefix.
const USER = new RegExp(`^<@((?=[UW])${SLACK_ID_SOURCE})(?:\\|[^>]*)?>$`, 'i');
const GROUP = new RegExp(`^<!subteam\\^((?=S)${SLACK_ID_SOURCE})(?:\\|[^>]*)?>$`, 'i');
const CHANNEL = new RegExp(`^<#((?=[CGD])${SLACK_ID_SOURCE})(?:\\|[^>]*)?>$`, 'i');

/** Splits on whitespace, but keeps an escaped mention (which may contain spaces in its label) whole. */
function words(text: string): string[] {
  return text.match(/<[^>]*>|\S+/g) ?? [];
}

export function parseCommandText(text: string): ParsedCommand {
  const [first, ...rest] = words(text.trim());
  const users: string[] = [];
  const groups: string[] = [];
  const channels: string[] = [];
  for (const word of rest) {
    const user = USER.exec(word)?.[1];
    const group = GROUP.exec(word)?.[1];
    const channel = CHANNEL.exec(word)?.[1];
    if (user) users.push(user);
    if (group) groups.push(group);
    if (channel) channels.push(channel);
  }
  return { subcommand: first?.toLowerCase(), args: rest, users, groups, channels };
}

/** Whether a word is an escaped mention of a user, group or channel. */
export function isMention(word: string): boolean {
  return USER.test(word) || GROUP.test(word) || CHANNEL.test(word);
}
