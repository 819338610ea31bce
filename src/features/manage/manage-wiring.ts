/** Builds the management feature's one dependency shape from the core: stores, adapters and ports. */
import type { Core } from '../../core/core.js';
import { createApprovalRequestStore } from '../approvals/public.js';
import type { ManageDeps } from './manage-deps.js';
import { createManageMessages } from './slack/manage-messages.js';
import { createSlackNameDirectory } from './slack/slack-name-directory.js';
import { createDigestStore } from './store/digest-schedules.js';
import { createDeletionStore } from './store/manage-deletions.js';
import { createBackground } from './usecases/background-tasks.js';
import { createOwnerNames } from './usecases/owner-names.js';

export function manageDeps(core: Core): ManageDeps {
  return {
    cloud: core.cloud,
    cache: core.serviceCache,
    heavyReads: core.heavyReads,
    lookup: core.lookup,
    records: core.records,
    permissions: core.permissions,
    audit: core.audit,
    poster: core.poster,
    logger: core.logger,
    sandbox: core.sandbox,
    admins: core.config.access.admins,
    approvals: createApprovalRequestStore(core.redis, core.keys),
    names: createOwnerNames(createSlackNameDirectory(core.slack), core.redis, core.keys, core.logger),
    messages: createManageMessages(core.poster, core.sandbox),
    deletions: createDeletionStore(core.redis, core.keys),
    background: createBackground(core.logger),
    digests: createDigestStore(core.redis, core.keys),
    instanceId: core.instanceId,
  };
}
