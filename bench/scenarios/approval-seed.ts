/**
 * Live approval requests for the click scenarios: before the bot starts, the cloud gets one
 * approval-enabled service per request (admin API), each with an owner record in Redis naming `OWNER`
 * and its own channel, and one pending connection. The bot's poller, on its first tick at start, posts
 * one request each; with `APPROVAL_POLL_BOT_ENV` no further poll competes with the clicks.
 */
import { Redis } from 'ioredis';
import { createServiceRecords } from '#src/access/service-records.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { createKeys } from '#src/redis/keys.js';
import type { SandboxAdmin } from '../sandbox-admin.js';

/** The only user who owns the seeded services (anyone else is a non-owner). */
export const OWNER = 'UBENCHOWNER';

/** The poller's first tick runs at start and posts every request; the next is minutes away. */
export const APPROVAL_POLL_BOT_ENV = { APPROVAL_POLL_SECONDS: '300', APPROVAL_CHANNEL: 'CBENCHAPPROVALS' };

/** A `seed` for `startPair`: `requests` services, each with its channel and one pending connection. */
export function approvalSeeder(requests: number, redisUrl: string) {
  return async (sandbox: SandboxAdmin, keyPrefix: string): Promise<void> => {
    const projectId = SANDBOX_PROJECTS[0]?.projectId ?? '';
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const serviceIds = await sandbox.bulkSeed(projectId, { services: requests });
      const records = createServiceRecords(redis, createKeys(keyPrefix));
      for (const [i, serviceId] of serviceIds.entries()) {
        await records.put({
          projectId,
          serviceId,
          owners: { users: [OWNER], groups: [] },
          approvalChannel: `CBENCHAPR${i}`,
        });
        await sandbox.bulkSeed(projectId, {
          connections: { serviceId, count: 1, status: 'pendingAcceptance' },
        });
      }
    } finally {
      redis.disconnect();
    }
  };
}
