/** Next / Previous on the ephemeral connection list: replaces it with that page. */
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { loadConnectionsPage } from '../usecases/connections-listing.js';
import { connectionsMessage, connectionsPageStateSchema } from '../views/connections-message.js';
import { parseJsonValue } from '../views/manage-button-values.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

export function connectionsPageAction(deps: ManageDeps): ButtonHandler {
  return guarded('turning a connections page', async ({ ack, action, respond }: ButtonArgs) => {
    await ack();
    const state = parseJsonValue(connectionsPageStateSchema, action.value);
    const page = await loadConnectionsPage(deps, { projectId: state.p, serviceId: state.s }, state.n);
    await respond({ replace_original: true, ...connectionsMessage(page) });
  });
}
