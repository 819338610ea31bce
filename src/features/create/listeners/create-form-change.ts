/**
 * Region, VPC or Backend Resource Type changed on the create form: the draft is saved and the form
 * re-renders with the lists that depend on it (same ids elsewhere, so what was typed stays).
 */
import type { App } from '@slack/bolt';
import { AppError } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import type { CreateScreen } from '../flow/screens.js';
import { formReader } from '../views/create-form-state.js';
import { CREATE_ACTION } from '../views/create-ids.js';
import { showScreen, viewOf, whoOf } from './create-view-payload.js';

const DISPATCHING = [CREATE_ACTION.region, CREATE_ACTION.vpc, CREATE_ACTION.backendType];

export function registerCreateFormChange(app: App, flow: CreateFlow, logger: Logger): void {
  for (const actionId of DISPATCHING) {
    app.action({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, client, context }) => {
      await ack();
      const log = requestLog(context, logger);
      const view = viewOf(body);
      if (!view) return;
      const who = whoOf(body);
      let screen: CreateScreen;
      try {
        screen = await flow.change(who, view.private_metadata, formReader(view.state?.values));
      } catch (err) {
        log.warn({ err }, 'could not apply a create form change');
        // Redis away: keep the form as it is (typed values included); Review then says why.
        if (err instanceof AppError && err.retryable) return;
        screen = problemScreen(err, view.private_metadata);
      }
      await showScreen(client, { viewId: view.id, hash: view.hash }, screen, { flow, who, log });
    });
  }
}
