/** The bot's capabilities, in the order their listeners register. */
import type { WebClient } from '@slack/web-api';
import type { Core } from './core/core.js';
import type { Feature } from './core/feature.js';
import { approvalsFeature } from './features/approvals/index.js';
import { type CreateServiceOptions, createServiceFeature } from './features/create/index.js';
import { manageServicesFeature } from './features/manage/index.js';
import { publishHome } from './features/manage/listeners/app-home-publish.js';
import { manageDeps } from './features/manage/usecases/manage-deps.js';
import { sandboxFeature } from './features/sandbox/index.js';
import type { Logger } from './platform/logging/logger.js';

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
