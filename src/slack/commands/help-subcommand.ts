import { code } from '../../domain/mrkdwn.js';
import type { SubcommandSpec } from '../../domain/subcommand-spec.js';
import { helpMessage } from './help-message.js';
import type { SubcommandHandler } from './subcommand.js';

/** `/vpcep help` and any unknown input: usage of every subcommand, in the ack (ephemeral). */
export function helpSubcommand(specs: readonly SubcommandSpec[], sandbox: boolean): SubcommandHandler {
  return async ({ ack, parsed }) => {
    const known = parsed.subcommand === undefined || parsed.subcommand === 'help';
    const note = known ? undefined : `I don't know ${code(parsed.subcommand ?? '')}. Here is what I can do:`;
    await ack({
      response_type: 'ephemeral',
      ...helpMessage(specs, { sandbox, ...(note ? { note } : {}) }),
    });
  };
}
