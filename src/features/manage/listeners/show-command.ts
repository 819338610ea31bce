/** `/vpcep show <service>`: the details of one service, ephemerally. */

import { usageText } from '../../../domain/subcommand-spec.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { loadServiceDetails } from '../usecases/service-details.js';
import { serviceDetailMessage } from '../views/service-detail-message.js';

export const SHOW_SPEC = { usage: '/vpcep show <service>' };

export function showSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, respond, parsed }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(SHOW_SPEC) });
      return;
    }
    await ack();
    const details = await loadServiceDetails(deps, ref);
    await respond({ response_type: 'ephemeral', ...serviceDetailMessage(details) });
  };
}
