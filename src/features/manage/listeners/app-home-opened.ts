/** App Home: published when the person opens the Home tab. */
import { guarded } from '../../../slack/replying.js';
import type { ManageDeps } from '../manage-deps.js';
import { publishHome } from '../slack/home-publisher.js';
import type { HomeOpenedArgs } from './manage-listener-args.js';

export function appHomeOpened(deps: ManageDeps): (args: HomeOpenedArgs) => Promise<void> {
  return guarded('app home', async ({ event, client, context }: HomeOpenedArgs) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user, context.log);
  });
}
