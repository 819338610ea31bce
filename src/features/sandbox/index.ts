/**
 * Sandbox-only powers: `/vpcep sandbox connect <service>` plays a consumer whose VPC endpoint asks to
 * connect, so the approval flow can be watched without a second cloud account.
 */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import { userMessageOf } from '../../platform/errors/app-error.js';
import { type SubcommandHandler, usageText } from '../../slack/commands/subcommand.js';

const CONNECT = {
  name: 'sandbox',
  usage: '/vpcep sandbox connect <service>',
  summary: 'Sandbox only: act as a consumer asking to connect',
};

function connectSubcommand(core: Core): SubcommandHandler {
  return async ({ ack, respond, parsed, log }) => {
    const [action, ref] = parsed.args;
    if (action?.toLowerCase() !== 'connect' || !ref) {
      await ack({ response_type: 'ephemeral', text: usageText(CONNECT) });
      return;
    }
    await ack({ response_type: 'ephemeral', text: `:test_tube: Sandbox: asking to connect to \`${ref}\`…` });
    try {
      const sandbox = core.cloud.sandbox;
      if (!sandbox) throw new Error('not in sandbox mode');
      const { projectId, service } = await core.lookup.find(ref);
      const connection = await sandbox.requestConnection(projectId, service.id);
      const next = service.approvalEnabled
        ? 'It waits for approval: the owners get an approval request in Slack within a poll interval.'
        : 'The service does not require approval, so the connection was accepted at once.';
      await respond({
        response_type: 'ephemeral',
        text: `:test_tube: Sandbox: consumer account \`${connection.domainId}\` asked to connect endpoint \`${connection.endpointId}\` to \`${service.serviceName}\` (status \`${connection.status}\`). ${next}`,
      });
    } catch (err) {
      log.warn({ err }, 'sandbox connect failed');
      await respond({
        response_type: 'ephemeral',
        text: `:test_tube: Sandbox: :warning: ${userMessageOf(err)}`,
      });
    }
  };
}

export function sandboxFeature(core: Core): Feature {
  return {
    name: 'sandbox',
    ...(core.sandbox ? { subcommands: [{ ...CONNECT, handler: connectSubcommand(core) }] } : {}),
  };
}
