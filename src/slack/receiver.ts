/** Bolt's receiver for the configured transport: HTTP (we serve its request listener) or Socket Mode. */

import type { RequestListener } from 'node:http';
import { type Logger as BoltLogger, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../platform/config/config-types.js';

export interface SlackTransport {
  receiver: Receiver;
  /** HTTP mode: Bolt's listener for `POST /slack/events`, mounted on our own server. */
  requestListener?: RequestListener;
  /** Socket Mode: the receiver must be started and stopped by the app. */
  socketMode: boolean;
}

export function createTransport(slack: SlackConfig, logger: BoltLogger): SlackTransport {
  if (slack.socketMode && slack.appToken) {
    // Only the URL, a timeout and the logger: the Socket Mode client keeps its own patient retry policy
    // for `apps.connections.open`, so a Slack outage means reconnecting, never giving up.
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      autoReconnectEnabled: true,
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl, timeout: 10_000 } },
    });
    return { receiver, socketMode: true };
  }
  if (!slack.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode');
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret,
    endpoints: '/slack/events',
    logger,
    processBeforeResponse: false,
  });
  return { receiver, requestListener: receiver.requestListener, socketMode: false };
}
