/** The create form was closed: what was typed is saved in the draft, for `/vpcep create` to resume. */
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { formReader } from '../views/create-form-state.js';
import { type ClosedArgs, viewRefSchema, whoOf } from './create-view-payload.js';

export function formClosedHandler(flow: CreateFlow) {
  return guarded('closing the create form', async ({ ack, body }: ClosedArgs) => {
    await ack();
    const view = viewRefSchema.parse(body.view);
    await flow.close(whoOf(body), view.private_metadata, formReader(view.state?.values));
  });
}
