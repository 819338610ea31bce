/** The create form was closed: what was typed is saved in the draft, for `/vpcep create` to resume. */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { formReader } from '../views/create-form-state.js';
import { CREATE_VIEW } from '../views/create-ids.js';
import { viewRefSchema, whoOf } from './create-view-payload.js';

export function registerCreateClosed(app: App, flow: CreateFlow, logger: Logger): void {
  app.view({ callback_id: CREATE_VIEW.form, type: 'view_closed' }, async ({ ack, body, context }) => {
    await ack();
    const view = viewRefSchema.parse(body.view);
    await flow
      .close(whoOf(body), view.private_metadata, formReader(view.state?.values))
      .catch((err: unknown) =>
        requestLog(context, logger).warn({ err }, 'could not save the closed create form'),
      );
  });
}
