/** "Create" on the review: the modal turns to the creation's progress (one creation per review). */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import { CREATE_VIEW } from '../views/create-ids.js';
import { renderCreateScreen } from '../views/create-screen.js';
import { viewRefSchema, whoOf } from './create-view-payload.js';

export function registerCreateReviewSubmit(app: App, flow: CreateFlow, logger: Logger): void {
  app.view(CREATE_VIEW.review, async ({ ack, body, context }) => {
    const view = viewRefSchema.parse(body.view);
    const screen = await flow
      .submitReview(whoOf(body), view.private_metadata, view.id)
      .catch((err: unknown) => {
        requestLog(context, logger).warn({ err }, 'create submission failed');
        return problemScreen(err, view.private_metadata);
      });
    await ack({ response_action: 'update', view: renderCreateScreen(screen, flow.sandbox) });
  });
}
