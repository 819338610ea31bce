/** The shape of every `/vpcep <subcommand>`: declared once, by the feature that answers it. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ParsedCommand } from '../../domain/command-text.js';
import type { SubcommandSpec } from '../../domain/subcommand-spec.js';
import type { Logger } from '../../platform/logging/logger.js';

export type SubcommandArgs = SlackCommandMiddlewareArgs &
  AllMiddlewareArgs & {
    readonly parsed: ParsedCommand;
    readonly log: Logger;
  };

export type SubcommandHandler = (args: SubcommandArgs) => Promise<void>;

/** One `/vpcep` subcommand: its name, usage and summary (from which help is built), and its handler. */
export interface Subcommand extends SubcommandSpec {
  readonly handler: SubcommandHandler;
}
