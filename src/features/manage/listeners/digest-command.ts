/**
 * `/vpcep digest [daily [HH:MM] [zone] | weekly [day] [HH:MM] [zone] | off]`, run in a channel: shows,
 * sets or stops its scheduled summary.
 */
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import type { ManageDeps } from '../manage-deps.js';
import { parseDigestArgs } from '../usecases/digest-args.js';
import { digestInfo, setDigest, stopDigest } from '../usecases/digests.js';
import { digestStatusText } from '../views/digest-message.js';

export function digestSubcommand(deps: ManageDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed }) => {
    const request = parseDigestArgs(parsed.args);
    if (request.kind === 'invalid') {
      await ack({ response_type: 'ephemeral', text: request.text });
      return;
    }
    await ack();
    const channel = command.channel_id;
    if (request.kind === 'show') {
      const info = await digestInfo(deps, channel, Date.now());
      await respond({
        response_type: 'ephemeral',
        text: digestStatusText(info.schedule, info.status, info.next),
      });
      return;
    }
    const change =
      request.kind === 'set'
        ? await setDigest(deps, channel, command.user_id, request.timing, Date.now())
        : await stopDigest(deps, channel, command.user_id);
    if (!change.ok)
      await respond({
        response_type: 'ephemeral',
        text: `:warning: Nothing was set up. ${change.refused}`,
      });
    else if (change.text) await respond({ response_type: 'ephemeral', text: change.text });
  };
}
