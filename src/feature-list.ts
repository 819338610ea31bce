/** The bot's capabilities, in the order their listeners register. */
import type { WebClient } from '@slack/web-api';
import type { Core } from './core/core.js';
import type { Feature } from './core/feature.js';
import { approvalsFeature } from './features/approvals.js';
import { type CreateServiceOptions, createServiceFeature } from './features/create-service.js';
import { manageServicesFeature } from './features/manage-services.js';
import { sandboxFeature } from './features/sandbox.js';
import { publishHome } from './listeners/events/app-home-publish.js';
import type { Logger } from './platform/logging/logger.js';
import { manageDeps } from './services/manage/deps.js';

export interface FeatureOptions {
  /** Creation knobs (tests); production defaults when absent. */
  readonly create?: CreateServiceOptions;
}

export function buildFeatures(core: Core, options: FeatureOptions = {}): Feature[] {
  // A decision taken from App Home leaves stale buttons there until the home is published again.
  const home = manageDeps(core);
  const refreshHome = (client: WebClient, userId: string, log: Logger) =>
    publishHome(home, client, userId, log);
  return [
    createServiceFeature(core, options.create),
    approvalsFeature(core, { refreshHome }),
    manageServicesFeature(core),
    sandboxFeature(core),
  ];
}
