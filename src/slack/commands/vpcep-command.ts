/**
 * `/vpcep`: parses the text and hands it to the subcommand's handler; unknown input gets help. A handler
 * that fails still answers the person, ephemerally, with what went wrong and what to do (Redis down,
 * a cloud error, …), in the ack when it was not sent yet, else through the response URL.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../domain/command-text.js';
import { userMessageOf } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { requestLog } from '../request-context.js';
import type { SubcommandHandler } from './subcommand.js';

export function vpcepCommand(
  handlers: ReadonlyMap<string, SubcommandHandler>,
  fallback: SubcommandHandler,
  logger: Logger,
): (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<void> {
  return async (args) => {
    const parsed = parseCommandText(args.command.text);
    const handler = (parsed.subcommand && handlers.get(parsed.subcommand)) || fallback;
    const log = requestLog(args.context, logger);
    let acked = false;
    const ack: typeof args.ack = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack, parsed, log });
    } catch (err) {
      log.warn({ err, subcommand: parsed.subcommand }, 'subcommand failed');
      const answer = { response_type: 'ephemeral' as const, text: `:warning: ${userMessageOf(err)}` };
      if (!acked) await args.ack(answer);
      else
        await args
          .respond(answer)
          .catch((respondErr: unknown) => log.warn({ err: respondErr }, 'could not report the failure'));
    }
  };
}
