/** Maps `/vpcep` subcommands to their handlers; subcommands no feature provides say "not available yet". */
import type { App } from '@slack/bolt';
import { SUBCOMMANDS } from '../../domain/subcommands.js';
import type { Logger } from '../../logging/logger.js';
import { SLASH_COMMAND } from '../../ui/ids.js';
import { helpSubcommand } from './help.js';
import { notAvailableSubcommand } from './not-available.js';
import type { SubcommandHandler } from './subcommand.js';
import { vpcepCommand } from './vpcep-command.js';

export function registerCommands(
  app: App,
  options: { sandbox: boolean; logger: Logger },
  provided: ReadonlyMap<string, SubcommandHandler>,
): void {
  const help = helpSubcommand(options.sandbox);
  const handlers = new Map<string, SubcommandHandler>();
  for (const spec of SUBCOMMANDS) {
    if (spec.sandboxOnly && !options.sandbox) continue;
    handlers.set(spec.name, provided.get(spec.name) ?? notAvailableSubcommand);
  }
  handlers.set('help', help);
  app.command(SLASH_COMMAND, vpcepCommand(handlers, help, options.logger));
}
