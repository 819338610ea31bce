/** Next / Previous on the ephemeral connection list: replaces it with that page. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { requestLog } from '../../../slack/request-context.js';
import { loadConnectionsPage } from '../usecases/connections-listing.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { connectionsMessage, connectionsPageStateSchema } from '../views/connections-message.js';
import { CONNECTIONS_PAGE_PATTERN } from '../views/manage-ids.js';
import { parseJsonValue } from './manage-action-value.js';

export function registerConnectionsPageAction(app: App, deps: ManageDeps): void {
  app.action<BlockButtonAction>(CONNECTIONS_PAGE_PATTERN, async ({ ack, action, respond, context }) => {
    await ack();
    try {
      const state = parseJsonValue(connectionsPageStateSchema, action.value);
      const page = await loadConnectionsPage(deps, { projectId: state.p, serviceId: state.s }, state.n);
      await respond({ replace_original: true, ...connectionsMessage(page) });
    } catch (err) {
      requestLog(context, deps.logger).warn({ err }, 'turning a connections page failed');
      await respond({
        replace_original: false,
        response_type: 'ephemeral',
        text: `:warning: ${userMessageOf(err)}`,
      });
    }
  });
}
