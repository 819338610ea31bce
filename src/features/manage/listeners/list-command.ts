/** `/vpcep list [filter]`: posts the service summary into the channel the command ran in. */

import { slowDownText } from '../../../access/slow-down-text.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { postSummary } from '../usecases/post-summary.js';
import { FILTER_MAX, normaliseFilter } from '../usecases/service-filter.js';
import { serviceSummaryMessage, unpostedSummary } from '../views/service-summary-message.js';

export function listSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed }) => {
    const filter = normaliseFilter(parsed.args.join(' '));
    if (filter && filter.length > FILTER_MAX) {
      await ack({
        response_type: 'ephemeral',
        text: `The filter is ${filter.length} characters long; use at most ${FILTER_MAX} (a name, a status or a tag).`,
      });
      return;
    }
    const verdict = await deps.heavyReads.take(command.user_id);
    if (!verdict.allowed) {
      await ack({ response_type: 'ephemeral', text: slowDownText(verdict.retryInSeconds) });
      return;
    }
    await ack();
    const result = await postSummary(deps, command.channel_id, { kind: 'list', filter, page: 0 });
    if ('refused' in result) {
      const message = unpostedSummary(serviceSummaryMessage(result.page, new Date()), result.refused);
      await respond({ response_type: 'ephemeral', ...message });
    }
  };
}
