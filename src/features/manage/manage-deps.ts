/**
 * What the management use cases need: the one dependency shape of the feature, built from the core
 * once (`../manage-wiring.ts`). Use cases take this, or a narrower slice of it, as an argument, so
 * tests can build them from a real core.
 */

import type { HeavyReadLimiter } from '../../access/heavy-reads.js';
import type { Permissions } from '../../access/permissions.js';
import type { ServiceRecords } from '../../access/service-records.js';
import type { Cloud } from '../../cloud/index.js';
import type { ServiceCache } from '../../cloud/service-cache.js';
import type { ServiceLookup } from '../../cloud/service-lookup.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditLog } from '../../redis/audit-log.js';
import type { ChannelPoster } from '../../slack/channel-poster.js';
import type { ApprovalRequestStore } from '../approvals/public.js';
import type { DigestStore } from './store/digest-schedules.js';
import type { DeletionStore } from './store/manage-deletions.js';
import type { Background } from './usecases/background-tasks.js';
import type { ManageMessages } from './usecases/manage-ports.js';
import type { OwnerNames } from './usecases/owner-names.js';

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
  /** Paced posts for the listeners' own replies (a DM when a click has no response URL). */
  readonly poster: ChannelPoster;
  readonly logger: Logger;
  readonly sandbox: boolean;
  readonly admins: readonly string[];
  readonly approvals: ApprovalReader;
  /** Owners' names for channel posts (no mentions). */
  readonly names: OwnerNames;
  /** How the use cases' summaries and notices reach Slack. */
  readonly messages: ManageMessages;
  /** Deletions in progress, in Redis, so any replica finishes following them. */
  readonly deletions: DeletionStore;
  /** Work started by a click and not waited for (following a deletion). */
  readonly background: Background;
  /** Scheduled summaries of channels. */
  readonly digests: DigestStore;
  /** This process, for the digests' posting leases. */
  readonly instanceId: string;
}
