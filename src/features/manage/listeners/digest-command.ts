/** `/vpcep digest [daily|weekly|off]`, run in a channel: shows, sets or stops its scheduled summary. */
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { SubcommandHandler } from '../../../slack/commands/subcommand.js';
import { type DigestDeps, digestInfo, parseDigestArgs, setDigest, stopDigest } from '../usecases/digests.js';
import { digestStatusText } from '../views/digest-message.js';

export function digestSubcommand(deps: DigestDeps): SubcommandHandler {
  return async ({ ack, command, respond, parsed, log }) => {
    let request: ReturnType<typeof parseDigestArgs>;
    try {
      request = parseDigestArgs(parsed.args);
    } catch (err) {
      await ack({ response_type: 'ephemeral', text: userMessageOf(err) });
      return;
    }
    await ack();
    const channel = command.channel_id;
    try {
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
          ? await setDigest(deps, channel, command.user_id, request.frequency, Date.now())
          : await stopDigest(deps, channel, command.user_id);
      if (!change.ok)
        await respond({
          response_type: 'ephemeral',
          text: `:warning: Nothing was set up. ${change.refused}`,
        });
      else if (change.text) await respond({ response_type: 'ephemeral', text: change.text });
    } catch (err) {
      log.warn({ err }, 'digest command failed');
      await respond({ response_type: 'ephemeral', text: `:warning: ${userMessageOf(err)}` });
    }
  };
}
