/** App Home placeholder: shows the help until the full home tab ships. */
import type { App } from '@slack/bolt';
import { SUBCOMMANDS } from '../../domain/subcommands.js';
import type { Logger } from '../../logging/logger.js';
import { helpMessage } from '../../ui/help-message.js';
import { requestLog } from '../middleware/request-context.js';

export function registerAppHomeHelp(app: App, options: { sandbox: boolean; logger: Logger }): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const { blocks } = helpMessage(SUBCOMMANDS, { sandbox: options.sandbox });
    try {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
    } catch (err) {
      requestLog(context, options.logger).warn({ err }, 'could not publish the App Home');
    }
  });
}
