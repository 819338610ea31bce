/** The bot's capabilities, in the order their listeners register. */
import { approvalsFeature } from './approvals.js';
import type { Core } from './core.js';
import { createServiceFeature } from './create-service.js';
import type { Feature } from './feature.js';
import { manageServicesFeature } from './manage-services.js';
import { sandboxFeature } from './sandbox.js';

export function buildFeatures(core: Core): Feature[] {
  return [
    createServiceFeature(core),
    approvalsFeature(core),
    manageServicesFeature(core),
    sandboxFeature(core),
  ];
}
