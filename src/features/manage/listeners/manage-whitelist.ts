/** "Allow every account" / Cancel on the confirmation of `/vpcep whitelist <service> add *`. */
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { confirmWhitelistAdd } from '../usecases/whitelist-changes.js';
import { parseJsonValue } from '../views/manage-button-values.js';
import {
  whitelistCancelledMessage,
  whitelistConfirmSchema,
  whitelistOutcomeMessage,
} from '../views/manage-whitelist-message.js';
import { replaceConfirmation } from './confirmation-reply.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

export function whitelistConfirmAction(deps: ManageDeps): ButtonHandler {
  return guarded(
    'whitelist change',
    async ({ ack, body, action, respond, context }: ButtonArgs) => {
      await ack();
      const target = parseJsonValue(whitelistConfirmSchema, action.value);
      const outcome = await confirmWhitelistAdd(deps, body.user.id, target.p, target.s, target.a, target.n);
      if (outcome.kind === 'refused') {
        context.log.info({ err: outcome.cause }, 'whitelist change refused');
        await respond({ replace_original: true, text: outcome.text });
      } else if (outcome.kind === 'done') {
        await respond({ replace_original: true, ...whitelistOutcomeMessage(outcome) });
      }
    },
    { reply: replaceConfirmation },
  );
}

export function whitelistCancelAction(deps: Pick<ManageDeps, 'sandbox'>): ButtonHandler {
  return guarded('whitelist cancel', async ({ ack, respond }: ButtonArgs) => {
    await ack();
    await respond({ replace_original: true, ...whitelistCancelledMessage(deps.sandbox) });
  });
}
