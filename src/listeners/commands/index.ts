/** Maps `/vpcep` subcommands to their handlers. */
import type { App } from '@slack/bolt';
import { SUBCOMMANDS } from '../../domain/subcommands.js';
import { SLASH_COMMAND } from '../../ui/ids.js';
import type { ListenerDeps } from '../listener-deps.js';
import { helpSubcommand } from './help.js';
import { notAvailableSubcommand } from './not-available.js';
import type { SubcommandHandler } from './subcommand.js';
import { vpcepCommand } from './vpcep-command.js';

export function registerCommands(
  app: App,
  deps: ListenerDeps,
  built: ReadonlyMap<string, SubcommandHandler> = new Map(),
): void {
  const help = helpSubcommand(deps.sandbox);
  const handlers = new Map<string, SubcommandHandler>();
  for (const spec of SUBCOMMANDS) {
    if (spec.sandboxOnly && !deps.sandbox) continue;
    handlers.set(spec.name, built.get(spec.name) ?? notAvailableSubcommand);
  }
  handlers.set('help', help);
  app.command(SLASH_COMMAND, vpcepCommand(handlers, help, deps.logger));
}
