/**
 * `/vpcep edit <service>`: opens the modal at once (the trigger lives 3 s; no cloud call before it),
 * then fills it with the service's values, or says why it cannot (not found, not allowed).
 */
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { type SubcommandHandler, usageText } from '../../../slack/commands/subcommand.js';
import { prepareEdit } from '../usecases/edit-service.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { editFormView, editLoadingView, editProblemView } from '../views/manage-edit-modal.js';

export const EDIT_SPEC = { usage: '/vpcep edit <service>' };

export function editSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, client, respond, parsed, log }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(EDIT_SPEC) });
      return;
    }
    await ack();
    try {
      const opened = await client.views.open({
        trigger_id: command.trigger_id,
        view: editLoadingView(ref, deps.sandbox),
      });
      let view = editProblemView('Something went wrong while loading the service.', deps.sandbox);
      try {
        const { service, project, target } = await prepareEdit(deps, command.user_id, ref);
        view = editFormView(service, project, target, deps.sandbox);
      } catch (err) {
        log.info({ err }, 'edit refused or failed');
        view = editProblemView(userMessageOf(err), deps.sandbox);
      }
      const hash = opened.view?.hash;
      await client.views.update({ view_id: opened.view?.id ?? '', ...(hash ? { hash } : {}), view });
    } catch (err) {
      log.warn({ err }, 'could not show the edit modal');
      await respond({
        response_type: 'ephemeral',
        text: ':warning: I could not open the edit form. Please run the command again.',
      });
    }
  };
}
