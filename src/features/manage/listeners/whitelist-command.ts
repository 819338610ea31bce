/** `/vpcep whitelist <service> [add|remove <account id>…]`: shows or changes the whitelist, ephemerally. */
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { changeWhitelist, loadWhitelist, parseWhitelistArgs } from '../usecases/whitelist-changes.js';
import {
  whitelistConfirmMessage,
  whitelistMessage,
  whitelistOutcomeMessage,
} from '../views/manage-whitelist-message.js';

export function whitelistSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
    let request: ReturnType<typeof parseWhitelistArgs>;
    try {
      request = parseWhitelistArgs(parsed.args);
    } catch (err) {
      await ack({ response_type: 'ephemeral', text: userMessageOf(err) });
      return;
    }
    await ack();
    try {
      if (request.kind === 'list') {
        await respond({
          response_type: 'ephemeral',
          ...whitelistMessage(await loadWhitelist(deps, request.ref)),
        });
        return;
      }
      const outcome = await changeWhitelist(deps, command.user_id, request);
      const message =
        outcome.kind === 'confirm' ? whitelistConfirmMessage(outcome) : whitelistOutcomeMessage(outcome);
      await respond({ response_type: 'ephemeral', ...message });
    } catch (err) {
      log.info({ err }, 'whitelist refused or failed');
      await respond({ response_type: 'ephemeral', text: userMessageOf(err) });
    }
  };
}
