/**
 * "Review" on the create form: inline errors for every invalid field, or the review (filled in by an
 * update when its cloud checks answer after the ack).
 */
import type { App, ViewResponseAction } from '@slack/bolt';
import { AppError, userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { CreateFlow } from '../flow/create-flow.js';
import { problemScreen } from '../flow/open-create.js';
import { formErrorsAck } from '../views/create-errors.js';
import { formReader } from '../views/create-form-state.js';
import { CREATE_VIEW } from '../views/create-ids.js';
import { renderCreateScreen } from '../views/create-screen.js';
import { showScreen, type ViewRef, viewRefSchema, whoOf } from './create-view-payload.js';

/**
 * A failure that trying again may cure (Redis or Slack away) keeps the form and everything typed in
 * it, with the reason inline; one that will not (no right to create, draft gone) replaces the form.
 */
function failedAck(err: unknown, view: ViewRef, sandbox: boolean): ViewResponseAction {
  const [first] = view.inputBlockIds;
  if (err instanceof AppError && err.retryable && first)
    return {
      response_action: 'errors',
      errors: { [first]: `${userMessageOf(err)} What you typed is still here.` },
    };
  return {
    response_action: 'update',
    view: renderCreateScreen(problemScreen(err, view.private_metadata), sandbox),
  };
}

export function registerCreateFormSubmit(app: App, flow: CreateFlow, logger: Logger): void {
  app.view(CREATE_VIEW.form, async ({ ack, body, client, context }) => {
    const log = requestLog(context, logger);
    const view = viewRefSchema.parse(body.view);
    const who = whoOf(body);
    let result: Awaited<ReturnType<CreateFlow['submitForm']>>;
    try {
      result = await flow.submitForm(who, view.private_metadata, formReader(view.state?.values));
    } catch (err) {
      log.warn({ err }, 'create form submission failed');
      await ack(failedAck(err, view, flow.sandbox));
      return;
    }
    if (result.kind === 'invalid') {
      await ack(formErrorsAck(result.errors, view.inputBlockIds));
      return;
    }
    await ack({ response_action: 'update', view: renderCreateScreen(result.screen, flow.sandbox) });
    const later = await result.later;
    if (later) await showScreen(client, { viewId: view.id }, later, { flow, who, log });
  });
}
