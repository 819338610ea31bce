/**
 * Saving the `/vpcep edit` modal: inline errors for invalid fields; otherwise the modal turns to
 * "Saving…" at once, the right is checked again, one update call sends only the changed fields,
 * and the modal shows the outcome.
 */
import type { App } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { UpdateServiceInput } from '../../../cloud/types.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import {
  changedFields,
  type EditTarget,
  editChanges,
  editProblems,
  saveEdit,
} from '../usecases/edit-service.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import {
  editErrors,
  editProblemView,
  editResultView,
  editSavingView,
  editUnreadableView,
  readEditSubmission,
} from '../views/manage-edit-modal.js';
import { EDIT_VIEW_CALLBACK } from '../views/manage-ids.js';

/** Saves in the background of the "Saving…" modal and shows the outcome in it. */
async function saveAndShow(
  deps: ManageDeps,
  client: WebClient,
  log: Logger,
  at: { viewId: string; userId: string },
  target: EditTarget,
  changes: UpdateServiceInput,
): Promise<void> {
  let outcome: ModalView;
  try {
    const saved = await saveEdit(deps, at.userId, target, changes);
    outcome = editResultView(saved, changedFields(changes), deps.sandbox);
  } catch (err) {
    log.warn({ err, serviceId: target.serviceId }, 'edit not saved');
    outcome = editProblemView(`Nothing was changed. ${userMessageOf(err)}`, deps.sandbox);
  }
  await client.views
    .update({ view_id: at.viewId, view: outcome })
    .catch((err: unknown) => log.warn({ err }, 'could not show the edit outcome'));
}

export function registerEditSubmission(app: App, deps: ManageDeps): void {
  app.view(EDIT_VIEW_CALLBACK, async ({ ack, body, view, client, context }) => {
    const log = requestLog(context, deps.logger);
    // Whatever the payload holds, Slack gets an answer within its 3 s.
    const read = readEditSubmission(view);
    if (!read) {
      log.warn({ viewId: view.id }, 'an edit submission could not be read');
      await ack({ response_action: 'update', view: editUnreadableView(deps.sandbox) });
      return;
    }
    const { target, submitted } = read;
    const problems = editProblems(target.original, submitted);
    if (Object.keys(problems).length > 0) {
      await ack({ response_action: 'errors', errors: editErrors(problems) });
      return;
    }
    const changes = editChanges(target.original, submitted);
    if (changedFields(changes).length === 0) {
      await ack({ response_action: 'update', view: editResultView(undefined, [], deps.sandbox) });
      return;
    }
    await ack({ response_action: 'update', view: editSavingView(deps.sandbox) });
    await saveAndShow(deps, client, log, { viewId: view.id, userId: body.user.id }, target, changes);
  });
}
