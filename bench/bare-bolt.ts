/**
 * The baseline the benchmarks compare the bot with: a stock Bolt 5 app on an `HTTPReceiver` that does
 * the minimum on each measured path — `/vpcep` acks and opens a one-block modal with the command's
 * trigger; an approval-like button acks and updates its message with `chat.update`; a button whose
 * click the bot refuses acks and tells the clicker privately through `response_url` (ephemeral), as
 * the bot tells a non-owner; any other button only acks.
 * Self-contained (only `@slack/bolt`), because `processes.ts` transpiles it alone to run it as a process.
 */
import { App, type BlockAction, HTTPReceiver } from '@slack/bolt';

export interface BareBoltOptions {
  readonly signingSecret: string;
  readonly token: string;
  readonly slackApiUrl: string;
  /** Action ids whose listener also calls `chat.update` on the clicked message. */
  readonly updateActions: readonly string[];
  /** Action ids whose listener also posts an ephemeral notice to the clicker through `response_url`. */
  readonly noticeActions: readonly string[];
}

const MINIMAL_MODAL = {
  type: 'modal' as const,
  callback_id: 'bare_create_modal',
  title: { type: 'plain_text' as const, text: 'VPCEP' },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Loading…' } }],
};

/** About as long as the bot's refusal, which names the service and its owners. */
const notice = (userId: string) =>
  `:lock: <@${userId}>, only the owners of \`bench-service\` (<@UBENCHOWNER>) and the bot admins can approve or reject it. Nothing was changed.`;

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
  const noticing = new Set(options.noticeActions);

  app.command('/vpcep', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: MINIMAL_MODAL });
  });

  app.action<BlockAction>(/.*/, async ({ ack, action, body, client, respond }) => {
    await ack();
    if ('action_id' in action && noticing.has(action.action_id)) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: notice(body.user.id) });
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
