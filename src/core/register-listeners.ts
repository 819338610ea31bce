/** Registers every listener: the `/vpcep` command, then each feature's own listeners. */
import type { App } from '@slack/bolt';
import { registerCommands } from '../slack/commands/register-commands.js';
import type { SubcommandHandler } from '../slack/commands/subcommand.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

export function registerListeners(app: App, core: Core, features: readonly Feature[]): void {
  const subcommands = new Map<string, SubcommandHandler>();
  for (const feature of features)
    for (const [name, handler] of feature.subcommands ?? []) subcommands.set(name, handler);
  registerCommands(app, { sandbox: core.sandbox, logger: core.logger }, subcommands);
  for (const feature of features) feature.register?.(app);
}
