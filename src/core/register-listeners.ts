/** Registers every listener: the `/vpcep` command, then each feature's own listeners. */

import type { SubcommandSpec } from '../domain/subcommand-spec.js';
import { registerCommands } from '../slack/commands/register-commands.js';
import type { Routes } from '../slack/dispatcher.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

/** Returns the subcommands help lists (tests compare help with them). */
export function registerListeners(
  routes: Routes,
  core: Core,
  features: readonly Feature[],
): readonly SubcommandSpec[] {
  const subcommands = features.flatMap((feature) => feature.subcommands ?? []);
  const specs = registerCommands(routes, { sandbox: core.sandbox }, subcommands);
  for (const feature of features) feature.register?.(routes);
  return specs;
}
