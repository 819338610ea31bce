/** Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home. */

import type { Core } from '../core/core.js';
import type { Feature } from '../core/feature.js';
import { createDigestJob } from '../jobs/digest-job.js';
import { createDeletionsJob } from '../jobs/manage-deletions-job.js';
import { registerConnectionsPageAction } from '../listeners/actions/manage-connections-page.js';
import { registerDeleteActions } from '../listeners/actions/manage-delete.js';
import { registerHomeRefreshAction } from '../listeners/actions/manage-home-refresh.js';
import { registerListPageAction } from '../listeners/actions/manage-list-page.js';
import { registerListServicesAction } from '../listeners/actions/manage-list-services.js';
import { registerWhitelistActions } from '../listeners/actions/manage-whitelist.js';
import { connectionsSubcommand } from '../listeners/commands/connections.js';
import { deleteSubcommand } from '../listeners/commands/delete.js';
import { digestSubcommand } from '../listeners/commands/digest.js';
import { editSubcommand } from '../listeners/commands/edit.js';
import { listSubcommand } from '../listeners/commands/list.js';
import { showSubcommand } from '../listeners/commands/show.js';
import { whitelistSubcommand } from '../listeners/commands/whitelist.js';
import { registerAppHome } from '../listeners/events/app-home-opened.js';
import { registerEditSubmission } from '../listeners/views/manage-edit.js';
import { createBackground } from '../services/manage/background.js';
import type { DeleteDeps } from '../services/manage/delete-service.js';
import { type ManageDeps, manageDeps } from '../services/manage/deps.js';
import type { DigestDeps } from '../services/manage/digests.js';
import type { SubcommandHandler } from '../slack/commands/subcommand.js';
import { createDigestStore } from '../stores/digest-schedules.js';
import { createDeletionStore } from '../stores/manage-deletions.js';

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
