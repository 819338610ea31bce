/**
 * What the management use cases need, picked from the core once by the feature. Services take this
 * (or a narrower slice of it) as an argument, so tests can build them from a real core.
 */

import type { HeavyReadLimiter } from '../../../access/heavy-reads.js';
import type { Permissions } from '../../../access/permissions.js';
import type { ServiceRecords } from '../../../access/service-records.js';
import type { Cloud } from '../../../cloud/index.js';
import type { ServiceCache } from '../../../cloud/service-cache.js';
import type { ServiceLookup } from '../../../cloud/service-lookup.js';
import type { Core } from '../../../core/core.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AuditLog } from '../../../redis/audit-log.js';
import type { ChannelPoster } from '../../../slack/channel-poster.js';
import { type ApprovalRequestStore, createApprovalRequestStore } from '../../approvals/public.js';
import { createOwnerNames, type OwnerNames } from './owner-names.js';

/** The approvals feature's read API: open requests of a service, and those a user may decide. */
export type ApprovalReader = Pick<ApprovalRequestStore, 'listOpenForService' | 'listPendingDecidableBy'>;

export interface ManageDeps {
  readonly cloud: Cloud;
  /** Every service, quota and connection count of a project, at most 5 s old. */
  readonly cache: ServiceCache;
  /** Per-person limit on lists, their pages and the App Home refresh. */
  readonly heavyReads: HeavyReadLimiter;
  readonly lookup: ServiceLookup;
  readonly records: ServiceRecords;
  readonly permissions: Permissions;
  readonly audit: AuditLog;
  readonly poster: ChannelPoster;
  readonly logger: Logger;
  readonly sandbox: boolean;
  readonly admins: readonly string[];
  readonly approvals: ApprovalReader;
  /** Owners' names for channel posts (no mentions). */
  readonly names: OwnerNames;
}

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
    names: createOwnerNames(core.slack, core.redis, core.keys, core.logger),
  };
}
