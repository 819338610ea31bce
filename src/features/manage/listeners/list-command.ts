/** `/vpcep list [filter]`: posts the service summary into the channel the command ran in. */

import type { HeavyReadLimiter } from '../../../access/heavy-reads.js';
import { slowDownText } from '../../../access/slow-down-text.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { PostSummaryDeps } from '../usecases/post-summary.js';
import { postSummary } from '../usecases/post-summary.js';
import { FILTER_MAX, normaliseFilter } from '../usecases/service-filter.js';
import { unpostedSummary } from '../views/service-summary-message.js';

export interface ListDeps extends PostSummaryDeps {
  readonly heavyReads: HeavyReadLimiter;
}

export function listSubcommand(deps: ListDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
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
    try {
      const result = await postSummary(deps, command.channel_id, { kind: 'list', filter, page: 0 });
      if ('refused' in result) {
        await respond({ response_type: 'ephemeral', ...unpostedSummary(result.message, result.refused) });
      }
    } catch (err) {
      log.warn({ err }, 'list failed');
      await respond({ response_type: 'ephemeral', text: `:warning: ${userMessageOf(err)}` });
    }
  };
}
