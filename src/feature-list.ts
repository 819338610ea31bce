/** The bot's capabilities, in the order their listeners register. */
import type { Core } from './core/core.js';
import type { Feature } from './core/feature.js';
import { approvalsFeature } from './features/approvals/index.js';
import { type CreateServiceOptions, createServiceFeature } from './features/create/index.js';
import { type ManageServicesOptions, manageServicesFeature } from './features/manage/index.js';
import { homeRefresher } from './features/manage/public.js';
import { sandboxFeature } from './features/sandbox/index.js';

export interface FeatureOptions {
  /** Creation knobs (tests); production defaults when absent. */
  readonly create?: CreateServiceOptions;
  /** Management knobs (tests); production defaults when absent. */
  readonly manage?: ManageServicesOptions;
}

export function buildFeatures(core: Core, options: FeatureOptions = {}): Feature[] {
  // A decision taken from App Home leaves stale buttons there until the home is published again.
  return [
    createServiceFeature(core, options.create),
    approvalsFeature(core, { refreshHome: homeRefresher(core) }),
    manageServicesFeature(core, options.manage),
    sandboxFeature(core),
  ];
}
