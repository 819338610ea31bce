/**
 * The List services button on other messages (e.g. a creation result): posts the summary into the
 * channel of the click, else the user's DM with the bot; never where the button's value says.
 */
import { slowDownText } from '../../../access/slow-down-text.js';
import { isSlackId } from '../../../domain/slack-ids.js';
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { postSummary } from '../usecases/post-summary.js';
import { serviceSummaryMessage, unpostedSummary } from '../views/service-summary-message.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

/**
 * Where the List services button posts: the channel the click came from (Slack signs it), else the
 * clicker's DM with the bot. Never a channel named in the button's value: a value is whatever the
 * clicker's client sends, so anyone could make the bot post a summary into any channel it is in.
 * Older messages still send `{"channel":"C…"}`; it is ignored, and the button keeps working.
 */
function listServicesTarget(clickChannel: string | undefined, userId: string): string {
  return isSlackId(clickChannel) ? clickChannel : userId;
}

export function listServicesAction(deps: ManageDeps): ButtonHandler {
  return guarded('list services button', async ({ ack, body, respond }: ButtonArgs) => {
    await ack();
    const channel = listServicesTarget(body.channel?.id, body.user.id);
    const tell = async (text: string, extra: object = {}) => {
      if (body.response_url)
        await respond({ response_type: 'ephemeral', replace_original: false, text, ...extra });
      else await deps.poster.post({ channel: body.user.id, text, ...extra });
    };
    const verdict = await deps.heavyReads.take(body.user.id);
    if (!verdict.allowed) {
      await tell(slowDownText(verdict.retryInSeconds));
      return;
    }
    const result = await postSummary(deps, channel, { kind: 'list', filter: undefined, page: 0 });
    if ('refused' in result) {
      const message = unpostedSummary(serviceSummaryMessage(result.page, new Date()), result.refused);
      await tell(message.text, { blocks: message.blocks });
    }
  });
}
