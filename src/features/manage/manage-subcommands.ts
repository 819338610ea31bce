/** The `/vpcep` subcommands management answers whose wrong calls get a fuller answer, declared once. */
import type { SubcommandSpec } from '../../domain/subcommand-spec.js';

export const WHITELIST_SPEC: SubcommandSpec = {
  name: 'whitelist',
  usage: '/vpcep whitelist <service> [add|remove <account id>]',
  summary: 'Show or change which accounts may connect',
  details:
    '`/vpcep whitelist <service>` to see it, `/vpcep whitelist <service> add <account id>` or `… remove <account id>` to change it. An account ID is 1–64 letters, digits or `*`; `*` allows every account.',
};
