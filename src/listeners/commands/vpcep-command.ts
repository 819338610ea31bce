/** `/vpcep`: parses the text and hands it to the subcommand's handler; unknown input gets help. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../domain/command-text.js';
import type { Logger } from '../../logging/logger.js';
import { requestLog } from '../middleware/request-context.js';
import type { SubcommandHandler } from './subcommand.js';

export function vpcepCommand(
  handlers: ReadonlyMap<string, SubcommandHandler>,
  fallback: SubcommandHandler,
  logger: Logger,
): (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<void> {
  return async (args) => {
    const parsed = parseCommandText(args.command.text);
    const handler = (parsed.subcommand && handlers.get(parsed.subcommand)) || fallback;
    await handler({ ...args, parsed, log: requestLog(args.context, logger) });
  };
}
