/** "Allow every account" / Cancel on the confirmation of `/vpcep whitelist <service> add *`. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { requestLog } from '../../../slack/request-context.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { confirmWhitelistAdd } from '../usecases/whitelist-changes.js';
import { WHITELIST_CANCEL_ACTION, WHITELIST_CONFIRM_ACTION } from '../views/manage-ids.js';
import {
  whitelistCancelledMessage,
  whitelistConfirmSchema,
  whitelistOutcomeMessage,
} from '../views/manage-whitelist-message.js';
import { parseJsonValue } from './manage-action-value.js';

export function registerWhitelistActions(app: App, deps: ManageDeps): void {
  app.action<BlockButtonAction>(WHITELIST_CONFIRM_ACTION, async ({ ack, body, action, respond, context }) => {
    await ack();
    try {
      const target = parseJsonValue(whitelistConfirmSchema, action.value);
      const outcome = await confirmWhitelistAdd(deps, body.user.id, target.p, target.s, target.a, target.n);
      if (outcome.kind === 'done')
        await respond({ replace_original: true, ...whitelistOutcomeMessage(outcome) });
    } catch (err) {
      requestLog(context, deps.logger).info({ err }, 'whitelist change refused or failed');
      await respond({ replace_original: true, text: userMessageOf(err) });
    }
  });
  app.action<BlockButtonAction>(WHITELIST_CANCEL_ACTION, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, ...whitelistCancelledMessage(deps.sandbox) });
  });
}
