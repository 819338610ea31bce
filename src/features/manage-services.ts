/** Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home. */
import { registerListPageAction } from '../listeners/actions/manage-list-page.js';
import { registerListServicesAction } from '../listeners/actions/manage-list-services.js';
import { listSubcommand } from '../listeners/commands/list.js';
import type { SubcommandHandler } from '../listeners/commands/subcommand.js';
import { registerAppHomeHelp } from '../listeners/events/app-home-opened.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

export function manageServicesFeature(core: Core): Feature {
  const subcommands = new Map<string, SubcommandHandler>([['list', listSubcommand(core)]]);
  return {
    name: 'manage-services',
    subcommands,
    register(app) {
      registerListPageAction(app, core);
      registerListServicesAction(app, core);
      registerAppHomeHelp(app, { sandbox: core.sandbox, logger: core.logger });
    },
  };
}
