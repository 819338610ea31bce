/** The `/vpcep` subcommands (DESIGN §2.3): the one list that help, routing and the manifest agree on. */

export interface SubcommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Offered only when the bot runs against the embedded sandbox. */
  readonly sandboxOnly?: boolean;
}

export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: 'create',
    usage: '/vpcep create',
    summary: 'Create a VPC endpoint service (opens a form; resumes your draft)',
  },
  {
    name: 'list',
    usage: '/vpcep list [filter]',
    summary: 'Post a summary of the endpoint services in this channel',
  },
  {
    name: 'show',
    usage: '/vpcep show <service>',
    summary: 'Details of one service: ports, tags, whitelist, owners, connections',
  },
  {
    name: 'connections',
    usage: '/vpcep connections <service>',
    summary: 'Every connection of a service with its status',
  },
  {
    name: 'delete',
    usage: '/vpcep delete <service>',
    summary: 'Delete a service (owners and admins, after a confirmation)',
  },
  {
    name: 'owners',
    usage: '/vpcep owners <service> [@user|@group …]',
    summary: 'Show or set who approves connections',
  },
  {
    name: 'whitelist',
    usage: '/vpcep whitelist <service> [add|remove <account id>]',
    summary: 'Show or change which accounts may connect',
  },
  {
    name: 'edit',
    usage: '/vpcep edit <service>',
    summary: 'Change name, description or connection approval',
  },
  {
    name: 'digest',
    usage: '/vpcep digest <daily|weekly|off>',
    summary: 'A scheduled summary in this channel',
  },
  { name: 'help', usage: '/vpcep help', summary: 'This help' },
  {
    name: 'sandbox',
    usage: '/vpcep sandbox connect <service>',
    summary: 'Sandbox only: act as a consumer asking to connect',
    sandboxOnly: true,
  },
];

/** `<service>` is an endpoint service ID (UUID) or its name. */
export const SERVICE_REF_HINT = '`<service>` is a service ID or its name.';
