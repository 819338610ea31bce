/** Refresh on the App Home: publishes it again. */
import type { App, BlockButtonAction } from '@slack/bolt';
import type { ManageDeps } from '../../services/manage/deps.js';
import { HOME_REFRESH_ACTION } from '../../ui/manage-ids.js';
import { publishHome } from '../events/app-home-publish.js';
import { requestLog } from '../middleware/request-context.js';

export function registerHomeRefreshAction(app: App, deps: ManageDeps): void {
  app.action<BlockButtonAction>(HOME_REFRESH_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    await publishHome(deps, client, body.user.id, requestLog(context, deps.logger));
  });
}
