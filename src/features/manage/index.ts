/** Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home. */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import type { SubcommandHandler } from '../../slack/commands/subcommand.js';
import { createDigestJob } from './jobs/digest-job.js';
import { createDeletionsJob } from './jobs/manage-deletions-job.js';
import { registerAppHome } from './listeners/app-home-opened.js';
import { connectionsSubcommand } from './listeners/connections-command.js';
import { deleteSubcommand } from './listeners/delete-command.js';
import { digestSubcommand } from './listeners/digest-command.js';
import { editSubcommand } from './listeners/edit-command.js';
import { listSubcommand } from './listeners/list-command.js';
import { registerConnectionsPageAction } from './listeners/manage-connections-page.js';
import { registerDeleteActions } from './listeners/manage-delete.js';
import { registerEditSubmission } from './listeners/manage-edit-submit.js';
import { registerHomeRefreshAction } from './listeners/manage-home-refresh.js';
import { registerListPageAction } from './listeners/manage-list-page.js';
import { registerListServicesAction } from './listeners/manage-list-services.js';
import { registerWhitelistActions } from './listeners/manage-whitelist.js';
import { showSubcommand } from './listeners/show-command.js';
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
  const subcommands = new Map<string, SubcommandHandler>([
    ['list', listSubcommand(deps)],
    ['show', showSubcommand(deps)],
    ['connections', connectionsSubcommand(deps)],
    ['edit', editSubcommand(deps)],
    ['delete', deleteSubcommand(deleteDeps)],
    ['whitelist', whitelistSubcommand(deps)],
    ['digest', digestSubcommand(digestDeps)],
  ]);
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
