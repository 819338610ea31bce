/** Delete / Cancel on the confirmation of `/vpcep delete`. */
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { startDelete } from '../usecases/delete-service.js';
import { parseJsonValue } from '../views/manage-button-values.js';
import {
  deleteCancelledMessage,
  deleteTargetSchema,
  deletingMessage,
} from '../views/manage-delete-message.js';
import { replaceConfirmation } from './confirmation-reply.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

export function deleteConfirmAction(deps: ManageDeps): ButtonHandler {
  return guarded(
    'delete',
    async ({ ack, body, action, respond, context }: ButtonArgs) => {
      await ack();
      const target = parseJsonValue(deleteTargetSchema, action.value);
      const started = await startDelete(deps, body.user.id, target.p, target.s, target.n);
      if (started.kind === 'refused') {
        context.log.info({ err: started.cause }, 'delete not started');
        // A second click while the first one's deletion runs keeps the "Deleting…" message.
        await respond(
          started.inProgress
            ? { replace_original: false, response_type: 'ephemeral', text: started.text }
            : { replace_original: true, text: started.text },
        );
        return;
      }
      const { label, serviceId } = started.deletion;
      await respond({ replace_original: true, ...deletingMessage(label, serviceId, deps.sandbox) });
    },
    { reply: replaceConfirmation },
  );
}

export function deleteCancelAction(deps: Pick<ManageDeps, 'sandbox'>): ButtonHandler {
  return guarded('delete cancel', async ({ ack, respond }: ButtonArgs) => {
    await ack();
    await respond({ replace_original: true, ...deleteCancelledMessage(deps.sandbox) });
  });
}
