/**
 * Sandbox-only powers: `/vpcep sandbox connect <service>` plays a consumer whose VPC endpoint asks to
 * connect, so the approval flow can be watched without a second cloud account.
 */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import { code } from '../../domain/mrkdwn.js';
import { usageText } from '../../domain/subcommand-spec.js';
import { userMessageOf } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SubcommandArgs, SubcommandHandler } from '../../slack/commands/subcommand.js';

const CONNECT = {
  name: 'sandbox',
  usage: '/vpcep sandbox connect <service>',
  summary: 'Sandbox only: act as a consumer asking to connect',
};

const PREFIX = ':test_tube: Sandbox:';

/** How the connect went: what to tell the person, and the error when it failed. */
type ConnectOutcome = { readonly text: string; readonly failure?: unknown };

/** Asks, as a consumer, to connect to the service `ref` names. */
async function requestConnection(core: Core, ref: string): Promise<ConnectOutcome> {
  try {
    const sandbox = core.cloud.sandbox;
    if (!sandbox) throw new Error('not in sandbox mode');
    const { projectId, service } = await core.lookup.find(ref);
    const connection = await sandbox.requestConnection(projectId, service.id);
    const next = service.approvalEnabled
      ? 'It waits for approval: the owners get an approval request in Slack within a poll interval.'
      : 'The service does not require approval, so the connection was accepted at once.';
    return {
      text: `${PREFIX} consumer account ${code(connection.domainId ?? '?')} asked to connect endpoint ${code(connection.endpointId)} to ${code(service.serviceName)} (status ${code(connection.status)}). ${next}`,
    };
  } catch (err) {
    return { text: `${PREFIX} :warning: ${userMessageOf(err)}`, failure: err };
  }
}

/**
 * Tells the person how the connect went. By then the connect is over: a reply Slack refuses (an
 * expired response URL, say) is logged as such, never reported as a failed connect, and never makes
 * the command wrapper answer again.
 */
async function tell(respond: SubcommandArgs['respond'], text: string, log: Logger): Promise<void> {
  await respond({ response_type: 'ephemeral', text }).catch((err: unknown) =>
    log.warn({ err }, 'could not tell the person how the sandbox connect went'),
  );
}

function connectSubcommand(core: Core): SubcommandHandler {
  return async ({ ack, respond, parsed, log }) => {
    const [action, ref] = parsed.args;
    if (action?.toLowerCase() !== 'connect' || !ref) {
      await ack({ response_type: 'ephemeral', text: usageText(CONNECT) });
      return;
    }
    await ack({ response_type: 'ephemeral', text: `${PREFIX} asking to connect to ${code(ref)}…` });
    const outcome = await requestConnection(core, ref);
    if (outcome.failure !== undefined) log.warn({ err: outcome.failure }, 'sandbox connect failed');
    await tell(respond, outcome.text, log);
  };
}

export function sandboxFeature(core: Core): Feature {
  return {
    name: 'sandbox',
    ...(core.sandbox ? { subcommands: [{ ...CONNECT, handler: connectSubcommand(core) }] } : {}),
  };
}
