/**
 * Single-workspace authorization with the bot token. Unlike Bolt's built-in one, a failed `auth.test`
 * (Slack unreachable at start) is not cached forever: the next request tries again.
 */
import type { Authorize } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

export function botTokenAuthorize(client: WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId: string; botUserId: string }> | undefined;
  const lookUp = () =>
    client.auth.test({ token: botToken }).then((result) => ({
      botId: result.bot_id ?? '',
      botUserId: result.user_id ?? '',
    }));
  return async () => {
    identity ??= lookUp().catch((err: unknown) => {
      identity = undefined;
      throw err;
    });
    return { botToken, ...(await identity) };
  };
}
