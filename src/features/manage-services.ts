/** Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home. */
import { registerAppHomeHelp } from '../listeners/events/app-home-opened.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

export function manageServicesFeature(core: Core): Feature {
  return {
    name: 'manage-services',
    register(app) {
      registerAppHomeHelp(app, { sandbox: core.sandbox, logger: core.logger });
    },
  };
}
