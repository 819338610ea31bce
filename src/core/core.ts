/**
 * The shared parts every feature builds on, created once by the composition root (`app.ts`).
 */
import type { WebClient } from '@slack/web-api';
import type { HeavyReadLimiter } from '../access/heavy-reads.js';
import type { Permissions } from '../access/permissions.js';
import type { ServiceRecords } from '../access/service-records.js';
import type { UsergroupMembers } from '../access/usergroup-members.js';
import type { Cloud } from '../cloud/index.js';
import type { ServiceCache } from '../cloud/service-cache.js';
import type { ServiceLookup } from '../cloud/service-lookup.js';
import type { Config } from '../platform/config/config-types.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { AuditLog } from '../redis/audit-log.js';
import type { Keys } from '../redis/keys.js';
import type { RedisClient } from '../redis/redis-connection.js';
import type { ChannelPoster } from '../slack/channel-poster.js';

export interface Core {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly redis: RedisClient;
  readonly keys: Keys;
  /** The cloud as the bot uses it: every write through it invalidates `serviceCache`. */
  readonly cloud: Cloud;
  /** True when the cloud is the embedded sandbox: whatever the bot posts then says so. */
  readonly sandbox: boolean;
  /** Paced channel posts and message updates (background and listeners alike). */
  readonly poster: ChannelPoster;
  /** A bot-token client for background work (jobs); listeners use Bolt's `client`. */
  readonly slack: WebClient;
  readonly permissions: Permissions;
  readonly usergroups: UsergroupMembers;
  readonly records: ServiceRecords;
  readonly audit: AuditLog;
  /** Finds a service by ID or name across the configured projects (always asking the cloud). */
  readonly lookup: ServiceLookup;
  /** Every service, quota and connection count, at most 5 s old; `cloud` and `records` invalidate it. */
  readonly serviceCache: ServiceCache;
  /** Per-person limit on lists, their pages and the App Home refresh. */
  readonly heavyReads: HeavyReadLimiter;
  /** This process, for leases and logs. */
  readonly instanceId: string;
}
