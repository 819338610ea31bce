/**
 * The `/vpcep` router: every feature's subcommands plus `help`, which is built from their declarations;
 * unknown input gets help too.
 */

import type { SubcommandSpec } from '../../domain/subcommand-spec.js';
import { SLASH_COMMAND } from '../app-ids.js';
import type { Routes } from '../dispatcher.js';
import { helpSubcommand } from './help-subcommand.js';
import type { Subcommand, SubcommandHandler } from './subcommand.js';
import { vpcepCommand } from './vpcep-command.js';

const HELP_SPEC: SubcommandSpec = { name: 'help', usage: '/vpcep help', summary: 'This help' };

/** Every subcommand the bot answers, `help` included, in the order help lists them. */
export function withHelp(provided: readonly Subcommand[], sandbox: boolean): Subcommand[] {
  const names = new Set<string>();
  for (const { name } of provided) {
    // Two features answering one name is a wiring mistake, caught at start.
    if (names.has(name) || name === HELP_SPEC.name) throw new Error(`two handlers for /vpcep ${name}`);
    names.add(name);
  }
  const specs: SubcommandSpec[] = [...provided, HELP_SPEC];
  return [...provided, { ...HELP_SPEC, handler: helpSubcommand(specs, sandbox) }];
}

export function registerCommands(
  routes: Routes,
  options: { sandbox: boolean },
  provided: readonly Subcommand[],
): readonly SubcommandSpec[] {
  const all = withHelp(provided, options.sandbox);
  const handlers = new Map<string, SubcommandHandler>(all.map((s) => [s.name, s.handler]));
  const help = handlers.get(HELP_SPEC.name) as SubcommandHandler;
  routes.command(SLASH_COMMAND, vpcepCommand(handlers, help));
  return all.map(({ name, usage, summary }) => ({ name, usage, summary }));
}
