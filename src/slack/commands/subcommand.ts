/** The shape every `/vpcep <subcommand>` handler has. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ParsedCommand } from '../../domain/command-text.js';
import type { Logger } from '../../platform/logging/logger.js';

export type SubcommandArgs = SlackCommandMiddlewareArgs &
  AllMiddlewareArgs & {
    readonly parsed: ParsedCommand;
    readonly log: Logger;
  };

export type SubcommandHandler = (args: SubcommandArgs) => Promise<void>;
