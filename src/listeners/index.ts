/** Registers every listener, by kind. */
import type { App } from '@slack/bolt';
import { registerCommands } from './commands/index.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerRouteConnectionApproval } from './functions/route-connection-approval.js';
import type { ListenerDeps } from './listener-deps.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerRouteConnectionApproval(app);
  registerAppHomeOpened(app, deps);
}
