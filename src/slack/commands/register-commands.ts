/** Maps `/vpcep` subcommands to the handlers the features provide; `help` and unknown input get help. */
import type { App } from '@slack/bolt';
import type { Logger } from '../../platform/logging/logger.js';
import { SLASH_COMMAND } from '../app-ids.js';
import { helpSubcommand } from './help-subcommand.js';
import type { SubcommandHandler } from './subcommand.js';
import { SUBCOMMANDS } from './subcommand-specs.js';
import { vpcepCommand } from './vpcep-command.js';

export function registerCommands(
  app: App,
  options: { sandbox: boolean; logger: Logger },
  provided: ReadonlyMap<string, SubcommandHandler>,
): void {
  const help = helpSubcommand(options.sandbox);
  const handlers = new Map<string, SubcommandHandler>([['help', help]]);
  for (const spec of SUBCOMMANDS) {
    if (spec.name === 'help' || (spec.sandboxOnly && !options.sandbox)) continue;
    const handler = provided.get(spec.name);
    // Every documented subcommand has a feature behind it; a gap is a wiring mistake, caught at start.
    if (!handler) throw new Error(`no feature handles /vpcep ${spec.name}`);
    handlers.set(spec.name, handler);
  }
  app.command(SLASH_COMMAND, vpcepCommand(handlers, help, options.logger));
}
