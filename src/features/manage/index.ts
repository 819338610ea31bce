/**
 * Day-2 management (issue 6): list, show, connections, edit, delete, whitelist, digests, App Home.
 * This file holds the feature's subcommands and its one table of listener registrations.
 */

import type { Core } from '../../core/core.js';
import type { Feature } from '../../core/feature.js';
import { LIST_SERVICES_ACTION } from '../../slack/app-ids.js';
import type { Subcommand } from '../../slack/commands/subcommand.js';
import { createDigestJob } from './jobs/digest-job.js';
import { createDeletionsJob } from './jobs/manage-deletions-job.js';
import { appHomeOpened } from './listeners/app-home-opened.js';
import { CONNECTIONS_SPEC, connectionsSubcommand } from './listeners/connections-command.js';
import { DELETE_SPEC, deleteSubcommand } from './listeners/delete-command.js';
import { digestSubcommand } from './listeners/digest-command.js';
import { EDIT_SPEC, editSubcommand } from './listeners/edit-command.js';
import { listSubcommand } from './listeners/list-command.js';
import { connectionsPageAction } from './listeners/manage-connections-page.js';
import { deleteCancelAction, deleteConfirmAction } from './listeners/manage-delete.js';
import { editSubmission } from './listeners/manage-edit-submit.js';
import { homeRefreshAction } from './listeners/manage-home-refresh.js';
import { listPageAction } from './listeners/manage-list-page.js';
import { listServicesAction } from './listeners/manage-list-services.js';
import { whitelistCancelAction, whitelistConfirmAction } from './listeners/manage-whitelist.js';
import { SHOW_SPEC, showSubcommand } from './listeners/show-command.js';
import { whitelistSubcommand } from './listeners/whitelist-command.js';
import { DIGEST_SPEC, WHITELIST_SPEC } from './manage-subcommands.js';
import { manageDeps } from './manage-wiring.js';
import {
  CONNECTIONS_PAGE_PATTERN,
  DELETE_CANCEL_ACTION,
  DELETE_CONFIRM_ACTION,
  EDIT_VIEW_CALLBACK,
  HOME_REFRESH_ACTION,
  LIST_PAGE_PATTERN,
  WHITELIST_CANCEL_ACTION,
  WHITELIST_CONFIRM_ACTION,
} from './views/manage-ids.js';

/** Knobs with production defaults (tests: a digest job that looks every half second). */
export interface ManageServicesOptions {
  readonly digestIntervalMs?: number;
}

export function manageServicesFeature(core: Core, options: ManageServicesOptions = {}): Feature {
  const deps = manageDeps(core);
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
      handler: deleteSubcommand(deps),
    },
    {
      ...WHITELIST_SPEC,
      handler: whitelistSubcommand(deps),
    },
    {
      name: 'edit',
      usage: EDIT_SPEC.usage,
      summary: 'Change name, description or connection approval',
      handler: editSubcommand(deps),
    },
    {
      ...DIGEST_SPEC,
      handler: digestSubcommand(deps),
    },
  ];
  return {
    name: 'manage-services',
    subcommands,
    register(routes) {
      routes.action(LIST_PAGE_PATTERN, listPageAction(deps));
      routes.action(LIST_SERVICES_ACTION, listServicesAction(deps));
      routes.action(CONNECTIONS_PAGE_PATTERN, connectionsPageAction(deps));
      routes.view(EDIT_VIEW_CALLBACK, editSubmission(deps));
      routes.action(DELETE_CONFIRM_ACTION, deleteConfirmAction(deps));
      routes.action(DELETE_CANCEL_ACTION, deleteCancelAction(deps));
      routes.action(WHITELIST_CONFIRM_ACTION, whitelistConfirmAction(deps));
      routes.action(WHITELIST_CANCEL_ACTION, whitelistCancelAction(deps));
      routes.event('app_home_opened', appHomeOpened(deps));
      routes.action(HOME_REFRESH_ACTION, homeRefreshAction(deps));
    },
    jobs: [
      createDeletionsJob(deps),
      createDigestJob(deps, options.digestIntervalMs ? { intervalMs: options.digestIntervalMs } : {}),
    ],
    stop: () => deps.background.stop(),
  };
}
