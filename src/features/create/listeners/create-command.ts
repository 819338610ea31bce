/**
 * `/vpcep create`: acks and opens the modal at once (no Redis or cloud wait may come first: the trigger
 * expires after 3 s). When this process holds the VPC list fresh, the modal opens on the whole form of
 * a new draft, saved while Slack opens it (one Slack call in all); otherwise it opens on "Loading…"
 * and is filled once the draft and the cloud's lists are there. An unfinished draft worth resuming replaces
 * either with the offer to resume it.
 */

import { AppError } from '../../../platform/errors/app-error.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import { openModal } from '../../../slack/modal.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { createLoadingView, renderCreateScreen } from '../views/create-screen.js';
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
    const who = {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
    };
    const instant = flow.instant(who);
    const first = instant
      ? renderCreateScreen(instant.screen, flow.sandbox)
      : createLoadingView(flow.sandbox);
    const opening = openModal(client, command.trigger_id, first, log);
    // Not awaited before views.open: the draft is saved (or the lists asked for) while Slack opens the
    // modal, so it is there before anyone can touch the form. It never throws.
    const settling = flow.settle(who, instant);
    const opened = await opening;
    const screen = await settling;
    if (!opened.opened) throw modalRefused(opened.code);
    if (!screen) return;
    await showScreen(client, { viewId: opened.viewId, hash: opened.hash }, screen, { flow, who, log });
  };
}
