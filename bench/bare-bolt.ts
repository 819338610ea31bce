/**
 * The baseline the benchmarks compare the bot with: a stock Bolt 5 app on an `HTTPReceiver` that does
 * the minimum on each measured path — `/vpcep` acks and opens a one-block modal with the command's
 * trigger; a button acks (and, for a Cancel-like button, replaces its message through `response_url`, as
 * the bot's Cancel does); an approval-like button acks and updates its message with `chat.update`.
 * Self-contained (only `@slack/bolt`), because `processes.ts` transpiles it alone to run it as a process.
 */
import { App, type BlockAction, HTTPReceiver } from '@slack/bolt';

export interface BareBoltOptions {
  readonly signingSecret: string;
  readonly token: string;
  readonly slackApiUrl: string;
  /** Action ids whose listener also calls `chat.update` on the clicked message. */
  readonly updateActions: readonly string[];
  /** Action ids whose listener also replaces the clicked message through `response_url` (Cancel-like). */
  readonly respondActions?: readonly string[];
}

const MINIMAL_MODAL = {
  type: 'modal' as const,
  callback_id: 'bare_create_modal',
  title: { type: 'plain_text' as const, text: 'VPCEP' },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Loading…' } }],
};

/** Builds the baseline app; `start(port)` listens. */
export function createBareBolt(options: BareBoltOptions): App {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    processBeforeResponse: false,
  });
  const app = new App({
    receiver,
    token: options.token,
    // Same as the bot: no in-memory conversation store (it keeps state in Redis instead).
    convoStore: false,
    clientOptions: { slackApiUrl: options.slackApiUrl, retryConfig: { retries: 0 } },
  });
  const updating = new Set(options.updateActions);
  const responding = new Set(options.respondActions ?? []);

  app.command('/vpcep', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: MINIMAL_MODAL });
  });

  app.action<BlockAction>(/.*/, async ({ ack, action, body, client, respond }) => {
    await ack();
    if ('action_id' in action && responding.has(action.action_id)) {
      await respond({ replace_original: true, text: 'Cancelled.' });
      return;
    }
    if (!('action_id' in action) || !updating.has(action.action_id)) return;
    const channel = body.container?.channel_id;
    const ts = body.container?.message_ts;
    if (typeof channel !== 'string' || typeof ts !== 'string') return;
    await client.chat.update({ channel, ts, text: `Approved by <@${body.user.id}>`, blocks: [] });
  });
  return app;
}
