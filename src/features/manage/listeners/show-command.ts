/** `/vpcep show <service>`: the details of one service, ephemerally. */
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { type SubcommandHandler, usageText } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { loadServiceDetails } from '../usecases/service-details.js';
import { serviceDetailMessage } from '../views/service-detail-message.js';

export const SHOW_SPEC = { usage: '/vpcep show <service>' };

export function showSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, respond, parsed, log }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(SHOW_SPEC) });
      return;
    }
    await ack();
    try {
      const details = await loadServiceDetails(deps, ref);
      await respond({ response_type: 'ephemeral', ...serviceDetailMessage(details) });
    } catch (err) {
      log.warn({ err }, 'show failed');
      await respond({ response_type: 'ephemeral', text: `:warning: ${userMessageOf(err)}` });
    }
  };
}
