/**
 * What the composition root and other features may use of management: redrawing a person's App Home
 * (approvals does it after a decision taken there, so the Home shows no stale buttons).
 */
import type { WebClient } from '@slack/web-api';
import type { Core } from '../../core/core.js';
import type { Logger } from '../../platform/logging/logger.js';
import { manageDeps } from './manage-wiring.js';
import { publishHome } from './slack/home-publisher.js';

/** Publishes `userId`'s App Home again; best effort, never throws. */
export type RefreshHome = (client: WebClient, userId: string, log: Logger) => Promise<void>;

export function homeRefresher(core: Core): RefreshHome {
  const deps = manageDeps(core);
  return (client, userId, log) => publishHome(deps, client, userId, log);
}
