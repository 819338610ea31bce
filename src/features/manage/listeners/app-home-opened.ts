/** App Home: published when the person opens the Home tab. */
import type { App } from '@slack/bolt';
import { requestLog } from '../../../slack/request-context.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { publishHome } from './app-home-publish.js';

export function registerAppHome(app: App, deps: ManageDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user, requestLog(context, deps.logger));
  });
}
