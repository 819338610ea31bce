import type { SubcommandHandler } from './subcommand.js';

/** Placeholder for subcommands a later release builds: says so, ephemerally. */
export const notAvailableSubcommand: SubcommandHandler = async ({ ack, parsed }) => {
  await ack({
    response_type: 'ephemeral',
    text: `\`/vpcep ${parsed.subcommand}\` is not available yet. Try \`/vpcep help\` for what works today.`,
  });
};
