/** Translates Web API failures into the project's errors, with a message a person can act on. */
import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { isSlackId } from '../domain/slack-ids.js';
import { AppError } from '../platform/errors/app-error.js';

export class SlackApiError extends AppError {}

function hasCode(err: unknown): err is { code: string } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

/**
 * The platform error string (`channel_not_found`, …), `ratelimited`, or undefined; also for a Web API
 * error our own `SlackApiError` wraps (the channel poster's errors).
 */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof SlackApiError) return slackErrorCode(err.cause);
  if (!hasCode(err)) return undefined;
  if (err.code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (err.code === ErrorCode.PlatformError) return (err as WebAPIPlatformError).data.error;
  if (err.code === ErrorCode.HTTPError) return 'http_error';
  if (err.code === ErrorCode.RequestError) return 'request_error';
  return undefined;
}

/** Seconds to wait when Slack rate-limited a call, or undefined. */
export function retryAfterSeconds(err: unknown): number | undefined {
  return hasCode(err) && err.code === ErrorCode.RateLimitedError
    ? (err as WebAPIRateLimitedError).retryAfter
    : undefined;
}

/**
 * A message for a failed post into a channel (or update of a message there, `method`
 * `chat.update`): which call failed, what went wrong and how to fix it.
 */
export function channelPostError(channel: string, err: unknown, method = 'chat.postMessage'): SlackApiError {
  const code = slackErrorCode(err) ?? 'unknown_error';
  const what = method === 'chat.update' ? 'my update of a message' : 'my post';
  // The channel may come from a request: only a well-formed ID becomes a channel link.
  const where = isSlackId(channel) ? `<#${channel}>` : 'that channel';
  const fixes: Record<string, string> = {
    not_in_channel: `I am not a member of ${where}. Invite me with \`/invite @vpcep-bot\` there, then try again.`,
    channel_not_found: `I cannot see ${where}: it is private or was deleted. Invite me with \`/invite @vpcep-bot\`, or run the command in another channel.`,
    is_archived: `${where} is archived, so I cannot post there. Run the command in an active channel.`,
    restricted_action: `This workspace does not allow me to post in ${where}. Ask a workspace admin, or use another channel.`,
    ratelimited: 'Slack is rate limiting my posts right now. Please try again in a minute.',
  };
  return new SlackApiError(`SLACK_${code.toUpperCase()}`, `${method} in ${channel} failed: ${code}`, {
    userMessage:
      fixes[code] ??
      `Slack refused ${what} in ${where} (${code}, ${method}). Please try again, or ask the bot operators.`,
    retryable: code === 'ratelimited',
    cause: err,
  });
}
