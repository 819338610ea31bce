/** Refresh on the App Home: publishes it again, at the pace the heavy-read limit allows. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { requestLog } from '../../../slack/request-context.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { HOME_REFRESH_ACTION } from '../views/manage-ids.js';
import { publishHome, publishHomeSlowDown } from './app-home-publish.js';

export function registerHomeRefreshAction(app: App, deps: ManageDeps): void {
  app.action<BlockButtonAction>(HOME_REFRESH_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const verdict = await deps.heavyReads.take(body.user.id);
    if (verdict.allowed) await publishHome(deps, client, body.user.id, log);
    else await publishHomeSlowDown(deps, client, body.user.id, verdict.retryInSeconds, log);
  });
}
