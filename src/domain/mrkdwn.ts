/**
 * Text helpers every Block Kit builder shares. Slack counts characters as code points, so clipping
 * never splits a surrogate pair; user text is escaped so it can neither format nor mention.
 */
import { isSlackId } from './slack-ids.js';

/** `text` cut to `max` characters (code points), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `text` cut to `max` code points without an ellipsis (initial values of inputs). */
export function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** Escapes the three characters mrkdwn treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack date token every reader sees in their own time zone, with a UTC fallback for notifications. */
export function slackDate(ms: number, fallback?: string): string {
  const utc = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${fallback ?? utc}>`;
}

/** `text` as inline code, escaped: a name or ID from the cloud, Redis or a user can neither mention nor link. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, 'ʼ')}\``;
}

/**
 * Mentions of Slack IDs. An ID is checked against the one shared pattern right here, whatever it came
 * from (a record written before IDs were checked, a workflow input): one that does not match is shown
 * as escaped code, never as markup.
 */
export function userMention(id: string | undefined): string {
  return isSlackId(id) ? `<@${id}>` : code(id ?? 'unknown');
}

export function groupMention(id: string): string {
  return isSlackId(id) ? `<!subteam^${id}>` : code(id);
}

export function channelMention(id: string): string {
  return isSlackId(id) ? `<#${id}>` : code(id);
}
