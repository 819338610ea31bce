/**
 * `/vpcep create`: acks, opens the loading modal at once (no cloud call may come first: the trigger
 * expires after 3 s), then fills it with the person's draft and the cloud's lists.
 */

import { AppError } from '../../../platform/errors/app-error.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import { openModal } from '../../../slack/modal.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { createLoadingView } from '../views/create-screen.js';
import { showScreen } from './create-view-payload.js';

/** Slack refused the modal (an expired trigger, most often): the command answers how to go on. */
function modalRefused(code: string): AppError {
  return new AppError('CREATE_MODAL_REFUSED', `views.open failed: ${code}`, {
    userMessage: `Slack did not let me open the form (${code}). Please run \`/vpcep create\` again.`,
  });
}

export function createSubcommand(flow: CreateFlow): SubcommandHandler {
  return async ({ ack, client, command, log }) => {
    await ack();
    const opened = await openModal(client, command.trigger_id, createLoadingView(flow.sandbox), log);
    if (!opened.opened) throw modalRefused(opened.code);
    const who = {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
    };
    const screen = await flow.open(who);
    await showScreen(client, { viewId: opened.viewId, hash: opened.hash }, screen, { flow, who, log });
  };
}
