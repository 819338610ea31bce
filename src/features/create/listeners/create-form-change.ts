/**
 * Region, VPC or Backend Resource Type changed on the create form: the draft is saved and the form
 * re-renders with the lists that depend on it (same ids elsewhere, so what was typed stays).
 */
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { formReader } from '../views/create-form-state.js';
import { type ClickArgs, showScreen, viewOf, whoOf } from './create-view-payload.js';

export function formChangeHandler(flow: CreateFlow) {
  return guarded('a create form change', async ({ ack, body, client, context }: ClickArgs) => {
    await ack();
    const view = viewOf(body);
    if (!view) return;
    const who = whoOf(body);
    const screen = await flow.change(who, view.private_metadata, formReader(view.state?.values));
    // None: the change waits (Redis away); the form keeps what was typed and Review says why.
    if (!screen) return;
    await showScreen(client, { viewId: view.id, hash: view.hash }, screen, { flow, who, log: context.log });
  });
}
