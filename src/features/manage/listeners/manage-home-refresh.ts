/** Refresh on the App Home: publishes it again, at the pace the heavy-read limit allows. */
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { publishHome, publishHomeSlowDown } from '../slack/home-publisher.js';
import type { ButtonArgs, ButtonHandler } from './manage-listener-args.js';

export function homeRefreshAction(deps: ManageDeps): ButtonHandler {
  return guarded('home refresh', async ({ ack, body, client, context }: ButtonArgs) => {
    await ack();
    const verdict = await deps.heavyReads.take(body.user.id);
    if (verdict.allowed) await publishHome(deps, client, body.user.id, context.log);
    else await publishHomeSlowDown(deps, client, body.user.id, verdict.retryInSeconds, context.log);
  });
}
