/** App Home: until the full home tab ships, it shows the help. */
import type { App } from '@slack/bolt';
import { SUBCOMMANDS } from '../../domain/subcommands.js';
import { helpMessage } from '../../ui/help-message.js';
import type { ListenerDeps } from '../listener-deps.js';
import { requestLog } from '../middleware/request-context.js';

export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const { blocks } = helpMessage(SUBCOMMANDS, { sandbox: deps.sandbox });
    try {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
    } catch (err) {
      requestLog(context, deps.logger).warn({ err }, 'could not publish the App Home');
    }
  });
}
