/** The `/vpcep` subcommands approvals answers, declared once: help, the router and the answers use these. */
import type { SubcommandSpec } from '../../domain/subcommand-spec.js';

export const OWNERS_SPEC: SubcommandSpec = {
  name: 'owners',
  usage: '/vpcep owners <service> [@user|@group …]',
  summary: 'Show or set who approves connections',
  details:
    '`/vpcep owners <service>` shows who approves connections; `/vpcep owners <service> @user @group #channel` sets the owners (users and user groups) and the approval channel. `<service>` is a service ID or its name.',
};
