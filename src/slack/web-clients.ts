/**
 * Web API client options. Interactive calls (views.*, ephemeral answers) and paced channel posts use
 * separate WebClients, and both reject rate-limited calls instead of pausing their whole queue: a 429 on a
 * channel post must never hold a `views.open` past its 3-second trigger window.
 */
import type { Logger, WebClientOptions } from '@slack/web-api';
import type { SlackConfig } from '../platform/config/config-types.js';

export function webClientOptions(slack: SlackConfig, timeoutMs: number, logger?: Logger): WebClientOptions {
  return {
    slackApiUrl: slack.apiUrl,
    ...(logger ? { logger } : {}),
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    retryConfig:
      slack.apiRetries === 0
        ? { retries: 0 }
        : { retries: slack.apiRetries, factor: 2, minTimeout: 200, maxTimeout: 2000, randomize: true },
  };
}
