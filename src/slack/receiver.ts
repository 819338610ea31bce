/** Bolt's receiver for the configured transport: HTTP (we serve its request listener) or Socket Mode. */

import type { RequestListener } from 'node:http';
import { type Logger as BoltLogger, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../config/config-types.js';
import { webClientOptions } from './web-clients.js';

export interface SlackTransport {
  receiver: Receiver;
  /** HTTP mode: Bolt's listener for `POST /slack/events`, mounted on our own server. */
  requestListener?: RequestListener;
  /** Socket Mode: the receiver must be started and stopped by the app. */
  socketMode: boolean;
}

export function createTransport(slack: SlackConfig, logger: BoltLogger): SlackTransport {
  if (slack.socketMode && slack.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      installerOptions: { clientOptions: webClientOptions(slack, 10_000) },
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
