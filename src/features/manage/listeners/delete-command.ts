/** `/vpcep delete <service>`: checks the right and the connections, then asks for confirmation. */
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { type SubcommandHandler, usageText } from '../../../slack/commands/subcommand.js';
import { type DeleteDeps, prepareDelete } from '../usecases/delete-service.js';
import { deleteConfirmMessage } from '../views/manage-delete-message.js';

export const DELETE_SPEC = { usage: '/vpcep delete <service>' };

export function deleteSubcommand(deps: DeleteDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(DELETE_SPEC) });
      return;
    }
    await ack();
    try {
      const { projectId, service, pending } = await prepareDelete(deps, command.user_id, ref);
      await respond({
        response_type: 'ephemeral',
        ...deleteConfirmMessage(projectId, service, pending, deps.sandbox),
      });
    } catch (err) {
      log.info({ err }, 'delete refused or failed');
      await respond({ response_type: 'ephemeral', text: userMessageOf(err) });
    }
  };
}
