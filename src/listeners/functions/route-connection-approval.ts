/** The Workflow Builder custom step `route_connection_approval` (DESIGN §2.4). */
import type { App } from '@slack/bolt';
import { FUNCTION_ROUTE_APPROVAL } from '../../ui/ids.js';

export const STEP_NOT_AVAILABLE =
  'Routing connection approvals from a workflow is not available yet in this vpcep-bot release.';

export function registerRouteConnectionApproval(app: App): void {
  app.function(FUNCTION_ROUTE_APPROVAL, async ({ fail }) => {
    await fail({ error: STEP_NOT_AVAILABLE });
  });
}
