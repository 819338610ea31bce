/** The `/vpcep` subcommands management answers whose wrong calls get a fuller answer, declared once. */
import type { SubcommandSpec } from '../../domain/subcommand-spec.js';

export const WHITELIST_SPEC: SubcommandSpec = {
  name: 'whitelist',
  usage: '/vpcep whitelist <service> [add|remove <account id>]',
  summary: 'Show or change which accounts may connect',
  details:
    '`/vpcep whitelist <service>` to see it, `/vpcep whitelist <service> add <account id>` or `… remove <account id>` to change it. An account ID is 1–64 letters, digits or `*`; `*` allows every account.',
};

export const DIGEST_SPEC: SubcommandSpec = {
  name: 'digest',
  usage: '/vpcep digest <daily [HH:MM] [zone]|weekly [day] [HH:MM] [zone]|off>',
  summary: 'A scheduled summary in this channel',
  details:
    '`/vpcep digest daily`, `/vpcep digest weekly` or `/vpcep digest off`, run in the channel that should get the summary. A time and an IANA time zone may follow (09:00 UTC unless given), and a weekday after `weekly` (Monday unless given): `/vpcep digest daily 08:30 Europe/Berlin`, `/vpcep digest weekly fri 16:00 America/New_York`.',
};
