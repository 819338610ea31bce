/** `/vpcep owners <service> [@user|@group|#channel …]`: shows or sets who approves connections. */

import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { Approvals } from '../approval-use-cases.js';
import { ownersMessage } from '../views/owners-message.js';

export function ownersSubcommand(approvals: Approvals, sandbox: boolean): SubcommandHandler {
  // A failure (of the answer too) is told by the /vpcep router, the one error path of subcommands.
  return async ({ ack, respond, command, parsed }) => {
    await ack();
    const outcome = await approvals.owners({
      userId: command.user_id,
      args: parsed.args,
      users: parsed.users,
      groups: parsed.groups,
      channels: parsed.channels,
    });
    await respond({ response_type: 'ephemeral', ...ownersMessage(outcome, sandbox) });
  };
}
