/** The subcommands DESIGN §2.3 documents (the sandbox one: the bot runs against the sandbox here). */
export const DOCUMENTED_USAGES = [
  '/vpcep create',
  '/vpcep list [filter]',
  '/vpcep show <service>',
  '/vpcep connections <service>',
  '/vpcep delete <service>',
  '/vpcep owners <service> [@user|@group …]',
  '/vpcep whitelist <service> [add|remove <account id>]',
  '/vpcep edit <service>',
  '/vpcep digest <daily [HH:MM] [zone]|weekly [day] [HH:MM] [zone]|off>',
  '/vpcep help',
  '/vpcep sandbox connect <service>',
];
