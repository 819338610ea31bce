/**
 * The environment the bot runs with inside the playground: the playground's own Slack (a generated bot
 * token and signing secret, the emulator as SLACK_API_URL, HTTP mode) and, unless the operator set them,
 * the access settings that fit the personas and a short approval poll so a request shows up quickly.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../platform/config/load-config.js';
import { ACCESS_ENV } from './workspace.js';

type Env = Record<string, string | undefined>;

/** Default page port: beside the bot's default 3000. */
export const DEFAULT_PLAYGROUND_PORT = 3001;

/** Seconds between approval polls in the playground, unless APPROVAL_POLL_SECONDS says otherwise. */
export const PLAYGROUND_POLL_SECONDS = '5';

/** Generated credentials the playground and the bot share for this run. */
export interface PlaygroundSecrets {
  readonly botToken: string;
  readonly signingSecret: string;
}

export function newSecrets(): PlaygroundSecrets {
  return {
    botToken: `xoxb-playground-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(32).toString('hex'),
  };
}

/** PLAYGROUND_PORT: a port number (0 = any free port), default 3001. */
export function playgroundPort(env: Env): number {
  const text = env.PLAYGROUND_PORT?.trim();
  if (!text) return DEFAULT_PLAYGROUND_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new ConfigError([
      `PLAYGROUND_PORT: expected a port number 0–65535 for the playground page, got "${text}"`,
    ]);
  return port;
}

/** The bot's environment: the operator's, with the playground's Slack and defaults filled in. */
export function botEnv(env: Env, secrets: PlaygroundSecrets, apiUrl: string): Env {
  const defaults = Object.fromEntries(
    Object.entries({ ...ACCESS_ENV, APPROVAL_POLL_SECONDS: PLAYGROUND_POLL_SECONDS }).filter(
      ([key]) => !env[key]?.trim(),
    ),
  );
  return {
    ...env,
    ...defaults,
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: apiUrl,
    // The playground talks HTTP to the bot; an app token would switch the bot to Socket Mode.
    SLACK_APP_TOKEN: undefined,
  };
}
