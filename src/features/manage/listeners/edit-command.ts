/**
 * `/vpcep edit <service>`: opens the modal at once (the trigger lives 3 s; no cloud call before it),
 * then fills it with the service's values, or says why it cannot (not found, not allowed).
 */

import { usageText } from '../../../domain/subcommand-spec.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import { openModal, updateModal } from '../../../slack/modal.js';
import type { ManageDeps } from '../manage-deps.js';
import { prepareEdit } from '../usecases/edit-service.js';
import { editFormView, editLoadingView, editProblemView } from '../views/manage-edit-modal.js';

export const EDIT_SPEC = { usage: '/vpcep edit <service>' };

const NOT_OPENED = ':warning: I could not open the edit form. Please run the command again.';

export function editSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, client, respond, parsed, log }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(EDIT_SPEC) });
      return;
    }
    await ack();
    const opened = await openModal(client, command.trigger_id, editLoadingView(ref, deps.sandbox), log);
    if (!opened.opened) {
      await respond({ response_type: 'ephemeral', text: NOT_OPENED });
      return;
    }
    const form = await prepareEdit(deps, command.user_id, ref);
    if (form.kind === 'refused') log.info({ err: form.cause }, 'edit refused or failed');
    const view =
      form.kind === 'refused'
        ? editProblemView(form.text, deps.sandbox)
        : editFormView(form.service, form.project, form.target, deps.sandbox);
    const shown = await updateModal(client, opened, view, { log });
    if (shown === 'failed') await respond({ response_type: 'ephemeral', text: NOT_OPENED });
  };
}
