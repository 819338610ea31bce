/** `/vpcep delete <service>`: checks the right and the connections, then asks for confirmation. */

import { usageText } from '../../../domain/subcommand-spec.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { prepareDelete } from '../usecases/delete-service.js';
import { deleteConfirmMessage } from '../views/manage-delete-message.js';

export const DELETE_SPEC = { usage: '/vpcep delete <service>' };

export function deleteSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
    const [ref] = parsed.args;
    if (!ref) {
      await ack({ response_type: 'ephemeral', text: usageText(DELETE_SPEC) });
      return;
    }
    await ack();
    const prepared = await prepareDelete(deps, command.user_id, ref);
    if (prepared.kind === 'refused') {
      log.info({ err: prepared.cause }, 'delete refused');
      await respond({ response_type: 'ephemeral', text: prepared.text });
      return;
    }
    const { projectId, service, pending } = prepared;
    await respond({
      response_type: 'ephemeral',
      ...deleteConfirmMessage(projectId, service, pending, deps.sandbox),
    });
  };
}
