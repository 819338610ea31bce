/**
 * The List services button on other messages (e.g. a creation result): posts the summary into the
 * channel of the click, else the user's DM with the bot; never where the button's value says.
 */
import type { App, BlockButtonAction } from '@slack/bolt';
import { slowDownText } from '../../../access/slow-down-text.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { LIST_SERVICES_ACTION } from '../../../slack/app-ids.js';
import { requestLog } from '../../../slack/request-context.js';
import { postSummary } from '../usecases/post-summary.js';
import { unpostedSummary } from '../views/service-summary-message.js';
import type { ListDeps } from './list-command.js';
import { listServicesTarget } from './manage-action-value.js';

export function registerListServicesAction(app: App, deps: ListDeps): void {
  app.action<BlockButtonAction>(LIST_SERVICES_ACTION, async ({ ack, body, respond, context }) => {
    await ack();
    const log = requestLog(context, deps.logger);
    const channel = listServicesTarget(body.channel?.id, body.user.id);
    const tell = async (text: string, extra: object = {}) => {
      if (body.response_url)
        await respond({ response_type: 'ephemeral', replace_original: false, text, ...extra });
      else await deps.poster.post({ channel: body.user.id, text, ...extra });
    };
    try {
      const verdict = await deps.heavyReads.take(body.user.id);
      if (!verdict.allowed) {
        await tell(slowDownText(verdict.retryInSeconds));
        return;
      }
      const result = await postSummary(deps, channel, { kind: 'list', filter: undefined, page: 0 });
      if ('refused' in result) {
        const message = unpostedSummary(result.message, result.refused);
        await tell(message.text, { blocks: message.blocks });
      }
    } catch (err) {
      log.warn({ err }, 'list services button failed');
      await tell(`:warning: ${userMessageOf(err)}`).catch((e: unknown) =>
        log.warn({ err: e }, 'could not tell the user'),
      );
    }
  });
}
