/** The bot's capabilities, in the order their listeners register. */
import type { WebClient } from '@slack/web-api';
import { publishHome } from '../listeners/events/app-home-publish.js';
import type { Logger } from '../logging/logger.js';
import { manageDeps } from '../services/manage/deps.js';
import { approvalsFeature } from './approvals.js';
import type { Core } from './core.js';
import { createServiceFeature } from './create-service.js';
import type { Feature } from './feature.js';
import { manageServicesFeature } from './manage-services.js';
import { sandboxFeature } from './sandbox.js';

export function buildFeatures(core: Core): Feature[] {
  // A decision taken from App Home leaves stale buttons there until the home is published again.
  const home = manageDeps(core);
  const refreshHome = (client: WebClient, userId: string, log: Logger) =>
    publishHome(home, client, userId, log);
  return [
    createServiceFeature(core),
    approvalsFeature(core, { refreshHome }),
    manageServicesFeature(core),
    sandboxFeature(core),
  ];
}
