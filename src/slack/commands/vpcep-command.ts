/**
 * `/vpcep`: parses the text and hands it to the subcommand's handler; unknown input gets help. A handler
 * that fails takes the one error path (`guarded`): the person is answered ephemerally with what went
 * wrong and what to do (Redis down, a cloud error, …), in the ack when it was not sent yet, else through
 * the response URL.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../domain/command-text.js';
import type { AppContext } from '../app-context.js';
import { guarded } from '../replying.js';
import type { SubcommandHandler } from './subcommand.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs<AppContext>;

export function vpcepCommand(
  handlers: ReadonlyMap<string, SubcommandHandler>,
  fallback: SubcommandHandler,
): (args: CommandArgs) => Promise<void> {
  const route = async (args: CommandArgs) => {
    const parsed = parseCommandText(args.command.text);
    const handler = (parsed.subcommand && handlers.get(parsed.subcommand)) || fallback;
    await handler({ ...args, parsed, log: args.context.log });
  };
  return guarded<CommandArgs>('subcommand', route);
}
