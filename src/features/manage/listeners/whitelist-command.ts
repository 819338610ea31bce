/** `/vpcep whitelist <service> [add|remove <account id>…]`: shows or changes the whitelist, ephemerally. */
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { isRefused, type Refusal } from '../usecases/manage-refusals.js';
import { changeWhitelist, loadWhitelist, parseWhitelistArgs } from '../usecases/whitelist-changes.js';
import {
  whitelistConfirmMessage,
  whitelistMessage,
  whitelistOutcomeMessage,
} from '../views/manage-whitelist-message.js';

export function whitelistSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
    const request = parseWhitelistArgs(parsed.args);
    if (request.kind === 'invalid') {
      await ack({ response_type: 'ephemeral', text: request.text });
      return;
    }
    await ack();
    const refused = (refusal: Refusal) => {
      log.info({ err: refusal.cause }, 'whitelist refused');
      return { text: refusal.text };
    };
    if (request.kind === 'list') {
      const state = await loadWhitelist(deps, request.ref);
      const message = isRefused(state) ? refused(state) : whitelistMessage(state);
      await respond({ response_type: 'ephemeral', ...message });
      return;
    }
    const outcome = await changeWhitelist(deps, command.user_id, request);
    const message =
      outcome.kind === 'refused'
        ? refused(outcome)
        : outcome.kind === 'confirm'
          ? whitelistConfirmMessage(outcome)
          : whitelistOutcomeMessage(outcome);
    await respond({ response_type: 'ephemeral', ...message });
  };
}
