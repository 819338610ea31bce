/**
 * Publishes one person's App Home: their Home, or why it cannot be built, on the tab. Publishing is
 * best effort and never throws: it also runs after an approval decided from the Home, which must not
 * be reported as failed because the tab could not be redrawn.
 */
import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slowDownHomeText } from '../../../access/slow-down-text.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { wireJson } from '../../../slack/wire-json.js';
import type { ManageDeps } from '../manage-deps.js';
import { homeScreen } from '../usecases/home-contents.js';
import { isRefused } from '../usecases/manage-refusals.js';
import { homeProblemView, homeView } from '../views/home-view.js';

async function publish(client: WebClient, userId: string, view: HomeView, log: Logger): Promise<void> {
  await client.views
    .publish({ user_id: userId, view: wireJson(view) })
    .catch((err: unknown) => log.warn({ err }, 'could not publish the App Home'));
}

export async function publishHome(
  deps: ManageDeps,
  client: WebClient,
  userId: string,
  log: Logger,
): Promise<void> {
  const screen = await homeScreen(deps, userId);
  if (isRefused(screen)) log.warn({ err: screen.cause }, 'could not build the App Home');
  const view = isRefused(screen) ? homeProblemView(screen.text, deps.sandbox) : homeView(screen);
  await publish(client, userId, view, log);
}

/** The Home tab says when Refresh works again (the Home has no ephemeral messages of its own). */
export async function publishHomeSlowDown(
  deps: Pick<ManageDeps, 'sandbox'>,
  client: WebClient,
  userId: string,
  retryInSeconds: number,
  log: Logger,
): Promise<void> {
  await publish(client, userId, homeProblemView(slowDownHomeText(retryInSeconds), deps.sandbox), log);
}
