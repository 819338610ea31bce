/**
 * Whether `npm start` runs the local playground (DESIGN §8): when no SLACK_BOT_TOKEN is set, unless
 * PLAYGROUND is `off` (then the missing token is the usual configuration error). A set token always means
 * real Slack.
 */
import { ConfigError } from './load-config.js';

export function playgroundWanted(env: Record<string, string | undefined>): boolean {
  const setting = env.PLAYGROUND?.trim().toLowerCase() ?? '';
  if (setting !== '' && setting !== 'on' && setting !== 'off')
    throw new ConfigError([`PLAYGROUND: expected on or off, got "${env.PLAYGROUND}"`]);
  return !env.SLACK_BOT_TOKEN?.trim() && setting !== 'off';
}
