/**
 * `/vpcep create`: acks, opens the loading modal at once (no cloud call may come first: the trigger
 * expires after 3 s), then fills it with the person's draft and the cloud's lists.
 */

import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import { slackErrorCode } from '../../../slack/slack-errors.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import { createLoadingView } from '../views/create-screen.js';
import { showScreen } from './create-view-payload.js';

export function createSubcommand(flow: CreateFlow): SubcommandHandler {
  return async ({ ack, client, command, respond, log }) => {
    await ack();
    let opened: { id: string; hash?: string | undefined };
    try {
      const result = await client.views.open({
        trigger_id: command.trigger_id,
        view: createLoadingView(flow.sandbox),
      });
      opened = { id: result.view?.id ?? '', hash: result.view?.hash };
    } catch (err) {
      log.warn({ err }, 'could not open the create modal');
      await respond({
        response_type: 'ephemeral',
        text: `:warning: Slack did not let me open the form (${slackErrorCode(err) ?? 'unknown error'}). Please run \`/vpcep create\` again.`,
      }).catch(() => undefined);
      return;
    }
    const who = {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
    };
    const screen = await flow.open(who).catch((err: unknown) => {
      log.warn({ err }, 'could not prepare the create form');
      return problemScreen(err);
    });
    await showScreen(client, { viewId: opened.id, hash: opened.hash }, screen, { flow, who, log });
  };
}
