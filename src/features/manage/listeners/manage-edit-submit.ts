/**
 * Saving the `/vpcep edit` modal: inline errors for invalid fields; otherwise the modal turns to
 * "Saving…" at once, the right is checked again, one update call sends only the changed fields,
 * and the modal shows the outcome.
 */

import { updateModal } from '../../../slack/modal.js';
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { changedFields, editChanges, editProblems, saveEdit } from '../usecases/edit-service.js';
import { isRefused } from '../usecases/manage-refusals.js';
import {
  editErrors,
  editProblemView,
  editResultView,
  editSavingView,
  editUnreadableView,
  readEditSubmission,
} from '../views/manage-edit-modal.js';
import type { ViewSubmitArgs } from './manage-listener-args.js';

export function editSubmission(deps: ManageDeps): (args: ViewSubmitArgs) => Promise<void> {
  return guarded('edit save', async ({ ack, body, view, client, context }: ViewSubmitArgs) => {
    const log = context.log;
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
    // Saved in the background of the "Saving…" modal; the outcome replaces it.
    const saved = await saveEdit(deps, body.user.id, target, changes);
    if (isRefused(saved)) log.warn({ err: saved.cause, serviceId: target.serviceId }, 'edit not saved');
    const outcome = isRefused(saved)
      ? editProblemView(`Nothing was changed. ${saved.text}`, deps.sandbox)
      : editResultView(saved, changedFields(changes), deps.sandbox);
    await updateModal(client, { viewId: view.id }, outcome, { log });
  });
}
