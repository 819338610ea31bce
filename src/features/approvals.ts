/**
 * Connection approvals (issue 5): owners, the poller, Approve/Reject, reminders and the custom step.
 * Until it ships, the custom step fails with a clear message.
 */
import { FUNCTION_ROUTE_APPROVAL } from '../ui/ids.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

export const STEP_NOT_AVAILABLE =
  'Routing connection approvals from a workflow is not available yet in this vpcep-bot release.';

export function approvalsFeature(_core: Core): Feature {
  return {
    name: 'approvals',
    register(app) {
      app.function(FUNCTION_ROUTE_APPROVAL, async ({ fail }) => {
        await fail({ error: STEP_NOT_AVAILABLE });
      });
    },
  };
}
