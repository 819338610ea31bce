/**
 * "Review" on the create form: inline errors for every invalid field, or the review (filled in by an
 * update when its cloud checks answer after the ack).
 */
import type { ViewResponseAction } from '@slack/bolt';
import { guarded } from '../../../slack/replying.js';
import type { CreateFlow } from '../flow/create-flow.js';
import type { FormSubmission } from '../flow/form-changes.js';
import { formErrorsAck } from '../views/create-errors.js';
import { formReader } from '../views/create-form-state.js';
import { renderCreateScreen } from '../views/create-screen.js';
import { type SubmitArgs, showScreen, type ViewRef, viewRefSchema, whoOf } from './create-view-payload.js';

/**
 * A failure that trying again may cure (Redis or Slack away) keeps the form and everything typed in
 * it, with the reason inline; one that will not (no right to create, draft gone) replaces the form.
 */
function failedAck(
  failure: Extract<FormSubmission, { kind: 'failed' }>,
  view: ViewRef,
  sandbox: boolean,
): ViewResponseAction {
  const [first] = view.inputBlockIds;
  if (failure.retryable && first)
    return {
      response_action: 'errors',
      errors: { [first]: `${failure.problem.message} What you typed is still here.` },
    };
  return { response_action: 'update', view: renderCreateScreen(failure.problem, sandbox) };
}

export function formSubmitHandler(flow: CreateFlow) {
  return guarded('the create form submission', async ({ ack, body, client, context }: SubmitArgs) => {
    const view = viewRefSchema.parse(body.view);
    const who = whoOf(body);
    const result = await flow.submitForm(who, view.private_metadata, formReader(view.state?.values));
    if (result.kind === 'failed') {
      await ack(failedAck(result, view, flow.sandbox));
      return;
    }
    if (result.kind === 'invalid') {
      await ack(formErrorsAck(result.errors, view.inputBlockIds));
      return;
    }
    await ack({ response_action: 'update', view: renderCreateScreen(result.screen, flow.sandbox) });
    const later = await result.later;
    if (later) await showScreen(client, { viewId: view.id }, later, { flow, who, log: context.log });
  });
}
