/** "Create" on the review: the modal turns to the creation's progress (one creation per review). */
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { renderCreateScreen } from '../views/create-screen.js';
import { type SubmitArgs, viewRefSchema, whoOf } from './create-view-payload.js';

export function reviewSubmitHandler(flow: CreateFlow) {
  return guarded('the create submission', async ({ ack, body }: SubmitArgs) => {
    const view = viewRefSchema.parse(body.view);
    const screen = await flow.submitReview(whoOf(body), view.private_metadata, view.id);
    await ack({ response_action: 'update', view: renderCreateScreen(screen, flow.sandbox) });
  });
}
