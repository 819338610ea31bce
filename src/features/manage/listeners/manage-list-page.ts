/** Next / Previous on a service summary: shows that page in the same message. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { slowDownText } from '../../../access/slow-down-text.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { requestLog } from '../../../slack/request-context.js';
import { pageRequest, renderSummary, turnSummaryPage } from '../usecases/post-summary.js';
import { LIST_PAGE_PATTERN } from '../views/manage-ids.js';
import { listPageStateSchema } from '../views/service-summary-message.js';
import type { ListDeps } from './list-command.js';
import { parseJsonValue } from './manage-action-value.js';

export function registerListPageAction(app: App, deps: ListDeps): void {
  app.action<BlockButtonAction>(LIST_PAGE_PATTERN, async ({ ack, body, action, respond, context }) => {
    await ack();
    const log = requestLog(context, deps.logger);
    try {
      const verdict = await deps.heavyReads.take(body.user.id);
      if (!verdict.allowed) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: slowDownText(verdict.retryInSeconds),
        });
        return;
      }
      const state = parseJsonValue(listPageStateSchema, action.value);
      const channel = body.container?.channel_id ?? body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      if (body.container?.is_ephemeral || !channel || !ts) {
        const message = await renderSummary(deps, pageRequest(state));
        await respond({ replace_original: true, ...message });
      } else {
        await turnSummaryPage(deps, { channel, ts }, state);
      }
    } catch (err) {
      log.warn({ err }, 'turning a summary page failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:warning: ${userMessageOf(err)}`,
      });
    }
  });
}
