/** Next / Previous on a service summary: shows that page in the same message. */
import { slowDownText } from '../../../access/slow-down-text.js';
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { turnSummaryPage } from '../usecases/post-summary.js';
import { loadSummaryPage } from '../usecases/service-summaries.js';
import { parseJsonValue } from '../views/manage-button-values.js';
import {
  listPageStateSchema,
  serviceSummaryMessage,
  summaryRequestOf,
} from '../views/service-summary-message.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

export function listPageAction(deps: ManageDeps): ButtonHandler {
  return guarded('turning a summary page', async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const verdict = await deps.heavyReads.take(body.user.id);
    if (!verdict.allowed) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: slowDownText(verdict.retryInSeconds),
      });
      return;
    }
    const request = summaryRequestOf(parseJsonValue(listPageStateSchema, action.value));
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (body.container?.is_ephemeral || !channel || !ts) {
      const page = await loadSummaryPage(deps, request);
      await respond({ replace_original: true, ...serviceSummaryMessage(page, new Date()) });
    } else {
      await turnSummaryPage(deps, { channel, ts }, request);
    }
  });
}
