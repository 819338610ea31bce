/** Delete / Cancel on the confirmation of `/vpcep delete`. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { requestLog } from '../../../slack/request-context.js';
import { AlreadyDeletingError, type DeleteDeps, startDelete } from '../usecases/delete-service.js';
import {
  deleteCancelledMessage,
  deleteTargetSchema,
  deletingMessage,
} from '../views/manage-delete-message.js';
import { DELETE_CANCEL_ACTION, DELETE_CONFIRM_ACTION } from '../views/manage-ids.js';
import { parseJsonValue } from './manage-action-value.js';

export function registerDeleteActions(app: App, deps: DeleteDeps): void {
  app.action<BlockButtonAction>(DELETE_CONFIRM_ACTION, async ({ ack, body, action, respond, context }) => {
    await ack();
    try {
      const target = parseJsonValue(deleteTargetSchema, action.value);
      const deletion = await startDelete(deps, body.user.id, target.p, target.s, target.n);
      await respond({
        replace_original: true,
        ...deletingMessage(deletion.label, deletion.serviceId, deps.sandbox),
      });
    } catch (err) {
      requestLog(context, deps.logger).info({ err }, 'delete not started');
      // A second click while the first one's deletion runs keeps the "Deleting…" message.
      const keep = err instanceof AlreadyDeletingError;
      await respond({
        replace_original: !keep,
        ...(keep ? { response_type: 'ephemeral' as const } : {}),
        text: userMessageOf(err),
      });
    }
  });
  app.action<BlockButtonAction>(DELETE_CANCEL_ACTION, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, ...deleteCancelledMessage(deps.sandbox) });
  });
}
