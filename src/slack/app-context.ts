/**
 * The Bolt context every listener sees: `App<AppContext>` types `context.log` (set by the request-context
 * middleware), so no listener casts it.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../platform/logging/logger.js';

export interface AppContext {
  /** A child logger naming the team, the user, the listener kind and its id; made on first use. */
  readonly log: Logger;
  [key: string]: unknown;
}

export type BotApp = App<AppContext>;
