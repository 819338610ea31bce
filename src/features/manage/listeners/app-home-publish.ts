/** Builds and publishes one person's App Home; a failure to build shows the reason on the tab. */
import type { WebClient } from '@slack/web-api';
import { slowDownHomeText } from '../../../access/slow-down-text.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { loadHome } from '../usecases/home.js';
import type { ManageDeps } from '../usecases/manage-deps.js';
import { homeProblemView, homeView } from '../views/home-view.js';

export async function publishHome(
  deps: ManageDeps,
  client: WebClient,
  userId: string,
  log: Logger,
): Promise<void> {
  let view: ReturnType<typeof homeView>;
  try {
    view = homeView(await loadHome(deps, userId));
  } catch (err) {
    log.warn({ err }, 'could not build the App Home');
    view = homeProblemView(userMessageOf(err), deps.sandbox);
  }
  try {
    await client.views.publish({ user_id: userId, view });
  } catch (err) {
    log.warn({ err }, 'could not publish the App Home');
  }
}

/** The Home tab says when Refresh works again (the Home has no ephemeral messages of its own). */
export async function publishHomeSlowDown(
  deps: Pick<ManageDeps, 'sandbox'>,
  client: WebClient,
  userId: string,
  retryInSeconds: number,
  log: Logger,
): Promise<void> {
  try {
    await client.views.publish({
      user_id: userId,
      view: homeProblemView(slowDownHomeText(retryInSeconds), deps.sandbox),
    });
  } catch (err) {
    log.warn({ err }, 'could not publish the App Home');
  }
}
