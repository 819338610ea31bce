/** `/vpcep connections <service>`: every connection of a service, ephemerally, in pages. */

import { usageText } from '../../../domain/subcommand-spec.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { loadConnectionsPage } from '../usecases/connections-listing.js';
import { connectionsMessage } from '../views/connections-message.js';

export const CONNECTIONS_SPEC = { usage: '/vpcep connections <service>' };

export function connectionsSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, respond, parsed }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(CONNECTIONS_SPEC) });
      return;
    }
    await ack();
    const page = await loadConnectionsPage(deps, ref, 0);
    await respond({ response_type: 'ephemeral', ...connectionsMessage(page) });
  };
}
