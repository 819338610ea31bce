/**
 * Saving the `/vpcep edit` modal: inline errors for invalid fields; otherwise the modal turns to
 * "Saving…" at once, the right is checked again, one update call sends only the changed fields,
 * and the modal shows the outcome.
 */
import type { App } from '@slack/bolt';
import { userMessageOf } from '../../errors/app-error.js';
import type { ManageDeps } from '../../services/manage/deps.js';
import { changedFields, editChanges, editProblems, saveEdit } from '../../services/manage/edit-service.js';
import {
  decodeEditTarget,
  editErrors,
  editProblemView,
  editResultView,
  editSavingView,
  readEditValues,
} from '../../ui/manage-edit-modal.js';
import { EDIT_VIEW_CALLBACK } from '../../ui/manage-ids.js';
import { requestLog } from '../middleware/request-context.js';

export function registerEditSubmission(app: App, deps: ManageDeps): void {
  app.view(EDIT_VIEW_CALLBACK, async ({ ack, body, view, client, context }) => {
    const log = requestLog(context, deps.logger);
    const target = decodeEditTarget(view.private_metadata);
    const submitted = readEditValues(view.state.values, target.original);
    const problems = editProblems(target.original, submitted);
    if (Object.keys(problems).length > 0) {
      await ack({ response_action: 'errors', errors: editErrors(problems) });
      return;
    }
    const changes = editChanges(target.original, submitted);
    const fields = changedFields(changes);
    if (fields.length === 0) {
      await ack({ response_action: 'update', view: editResultView(undefined, [], deps.sandbox) });
      return;
    }
    await ack({ response_action: 'update', view: editSavingView(deps.sandbox) });
    let outcome = editProblemView('Something went wrong.', deps.sandbox);
    try {
      outcome = editResultView(await saveEdit(deps, body.user.id, target, changes), fields, deps.sandbox);
    } catch (err) {
      log.warn({ err, serviceId: target.serviceId }, 'edit not saved');
      outcome = editProblemView(`Nothing was changed. ${userMessageOf(err)}`, deps.sandbox);
    }
    await client.views
      .update({ view_id: view.id, view: outcome })
      .catch((err: unknown) => log.warn({ err }, 'could not show the edit outcome'));
  });
}
