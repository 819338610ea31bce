/**
 * "Review" on the create form: inline errors for every invalid field, or the review (filled in by an
 * update when its cloud checks answer after the ack).
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../../logging/logger.js';
import type { CreateFlow } from '../../services/create/create-flow.js';
import { problemScreen } from '../../services/create/open-create.js';
import { formErrorsAck } from '../../ui/create-errors.js';
import { readFormState } from '../../ui/create-form-state.js';
import { CREATE_VIEW } from '../../ui/create-ids.js';
import { renderCreateScreen } from '../../ui/create-screen.js';
import { requestLog } from '../middleware/request-context.js';
import { showScreen, viewRefSchema, whoOf } from './create-common.js';

export function registerCreateFormSubmit(app: App, flow: CreateFlow, logger: Logger): void {
  app.view(CREATE_VIEW.form, async ({ ack, body, client, context }) => {
    const log = requestLog(context, logger);
    const view = viewRefSchema.parse(body.view);
    const who = whoOf(body);
    const read = (current: Parameters<typeof readFormState>[1]) => readFormState(view.state?.values, current);
    let result: Awaited<ReturnType<CreateFlow['submitForm']>>;
    try {
      result = await flow.submitForm(who, view.private_metadata, read);
    } catch (err) {
      log.warn({ err }, 'create form submission failed');
      await ack({
        response_action: 'update',
        view: renderCreateScreen(problemScreen(err, view.private_metadata), flow.sandbox),
      });
      return;
    }
    if (result.kind === 'invalid') {
      await ack(formErrorsAck(result.errors, view.inputBlockIds));
      return;
    }
    await ack({ response_action: 'update', view: renderCreateScreen(result.screen, flow.sandbox) });
    const later = await result.later;
    if (later) await showScreen(client, { viewId: view.id }, later, flow.sandbox, log);
  });
}
