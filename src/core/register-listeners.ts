/** Registers every listener: the `/vpcep` command, then each feature's own listeners. */

import type { SubcommandSpec } from '../domain/subcommand-spec.js';
import type { BotApp } from '../slack/app-context.js';
import { registerCommands } from '../slack/commands/register-commands.js';
import type { Core } from './core.js';
import type { Feature } from './feature.js';

/** Returns the subcommands help lists (tests compare help with them). */
export function registerListeners(
  app: BotApp,
  core: Core,
  features: readonly Feature[],
): readonly SubcommandSpec[] {
  const subcommands = features.flatMap((feature) => feature.subcommands ?? []);
  const specs = registerCommands(app, { sandbox: core.sandbox }, subcommands);
  for (const feature of features) feature.register?.(app);
  return specs;
}
