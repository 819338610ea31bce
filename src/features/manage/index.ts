/** Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home. */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import type { Subcommand } from '../../slack/commands/subcommand.js';
import { createDigestJob } from './jobs/digest-job.js';
import { createDeletionsJob } from './jobs/manage-deletions-job.js';
import { registerAppHome } from './listeners/app-home-opened.js';
import { CONNECTIONS_SPEC, connectionsSubcommand } from './listeners/connections-command.js';
import { DELETE_SPEC, deleteSubcommand } from './listeners/delete-command.js';
import { digestSubcommand } from './listeners/digest-command.js';
import { EDIT_SPEC, editSubcommand } from './listeners/edit-command.js';
import { listSubcommand } from './listeners/list-command.js';
import { registerConnectionsPageAction } from './listeners/manage-connections-page.js';
import { registerDeleteActions } from './listeners/manage-delete.js';
import { registerEditSubmission } from './listeners/manage-edit-submit.js';
import { registerHomeRefreshAction } from './listeners/manage-home-refresh.js';
import { registerListPageAction } from './listeners/manage-list-page.js';
import { registerListServicesAction } from './listeners/manage-list-services.js';
import { registerWhitelistActions } from './listeners/manage-whitelist.js';
import { SHOW_SPEC, showSubcommand } from './listeners/show-command.js';
import { whitelistSubcommand } from './listeners/whitelist-command.js';
import { createDigestStore } from './store/digest-schedules.js';
import { createDeletionStore } from './store/manage-deletions.js';
import { createBackground } from './usecases/background.js';
import type { DeleteDeps } from './usecases/delete-service.js';
import type { DigestDeps } from './usecases/digests.js';
import { type ManageDeps, manageDeps } from './usecases/manage-deps.js';

/** The dependencies of the management use cases, built from the core (tests build their own too). */
export function managementParts(core: Core): {
  deps: ManageDeps;
  deleteDeps: DeleteDeps;
  digestDeps: DigestDeps;
} {
  const deps = manageDeps(core);
  return {
    deps,
    deleteDeps: {
      ...deps,
      deletions: createDeletionStore(core.redis, core.keys),
      background: createBackground(core.logger),
    },
    digestDeps: { ...deps, digests: createDigestStore(core.redis, core.keys), instanceId: core.instanceId },
  };
}

export function manageServicesFeature(core: Core): Feature {
  const { deps, deleteDeps, digestDeps } = managementParts(core);
  const subcommands: Subcommand[] = [
    {
      name: 'list',
      usage: '/vpcep list [filter]',
      summary: 'Post a summary of the endpoint services in this channel',
      handler: listSubcommand(deps),
    },
    {
      name: 'show',
      usage: SHOW_SPEC.usage,
      summary: 'Details of one service: ports, tags, whitelist, owners, connections',
      handler: showSubcommand(deps),
    },
    {
      name: 'connections',
      usage: CONNECTIONS_SPEC.usage,
      summary: 'Every connection of a service with its status',
      handler: connectionsSubcommand(deps),
    },
    {
      name: 'delete',
      usage: DELETE_SPEC.usage,
      summary: 'Delete a service (owners and admins, after a confirmation)',
      handler: deleteSubcommand(deleteDeps),
    },
    {
      name: 'whitelist',
      usage: '/vpcep whitelist <service> [add|remove <account id>]',
      summary: 'Show or change which accounts may connect',
      handler: whitelistSubcommand(deps),
    },
    {
      name: 'edit',
      usage: EDIT_SPEC.usage,
      summary: 'Change name, description or connection approval',
      handler: editSubcommand(deps),
    },
    {
      name: 'digest',
      usage: '/vpcep digest <daily|weekly|off>',
      summary: 'A scheduled summary in this channel',
      handler: digestSubcommand(digestDeps),
    },
  ];
  return {
    name: 'manage-services',
    subcommands,
    register(app) {
      registerListPageAction(app, deps);
      registerListServicesAction(app, deps);
      registerConnectionsPageAction(app, deps);
      registerEditSubmission(app, deps);
      registerDeleteActions(app, deleteDeps);
      registerWhitelistActions(app, deps);
      registerAppHome(app, deps);
      registerHomeRefreshAction(app, deps);
    },
    jobs: [createDeletionsJob(deleteDeps), createDigestJob(digestDeps)],
    stop: () => deleteDeps.background.stop(),
  };
}
