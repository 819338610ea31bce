import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cloud, CloudError, type CloudOptions, createCloud, NotFoundError } from '#src/cloud/index.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { createOnFirstLoadBalancer, FAST_TUNING, testLogger } from '../../helpers/cloud-test.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

const OPTIONS: CloudOptions = {
  tuning: FAST_TUNING,
  health: { maxWaitMs: 15_000 },
  sandbox: { createDelayMs: 20, deleteDelayMs: 20 },
};
const [EU_DE, EU_NL] = SANDBOX_PROJECTS;

let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(() => redis.disconnect());

/** The bot's cloud in sandbox mode, as `app.ts` builds it with no OTC_* variable set. */
function sandboxCloud(keyPrefix: string): Promise<Cloud> {
  return createCloud(
    { mode: 'sandbox', projects: SANDBOX_PROJECTS },
    { logger: testLogger(), redis, keyPrefix },
    OPTIONS,
  );
}

async function createOne(cloud: Cloud, projectId: string, name: string) {
  const client = cloud.project(projectId);
  const ports = [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }];
  const service = await createOnFirstLoadBalancer(client, ports, name);
  return client.waitForService(service.id, 'available');
}

describe('sandbox mode', () => {
  it('starts the emulator on loopback, seeded, and the real client works against it', async () => {
    const cloud = await sandboxCloud(uniquePrefix('sandbox'));
    try {
      expect(cloud.mode).toBe('sandbox');
      expect(cloud.sandbox?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await cloud.health()).toMatchObject({ state: 'ok' });
      for (const project of SANDBOX_PROJECTS) {
        const client = cloud.project(project.projectId);
        const vpcs = await client.listVpcs();
        expect(vpcs).toHaveLength(2);
        for (const vpc of vpcs) {
          const lbs = await client.listLoadBalancers(vpc.id);
          expect(lbs.map((lb) => lb.family)).toEqual(['dedicated', 'shared']);
          expect(await client.listServerNics('ecs', vpc.id)).toHaveLength(3);
          expect(await client.listServerNics('bms', vpc.id)).toHaveLength(1);
        }
      }
      expect(await cloud.project(EU_DE?.projectId ?? '').quota('endpoint_service')).toEqual({
        used: 0,
        quota: 20,
      });
    } finally {
      await cloud.close();
    }
  });

  it('lets the bot simulate a consumer asking to connect', async () => {
    const cloud = await sandboxCloud(uniquePrefix('sandbox'));
    try {
      const service = await createOne(cloud, EU_NL?.projectId ?? '', 'demo');
      const connection = await cloud.sandbox?.requestConnection(EU_NL?.projectId ?? '', service.id);
      expect(connection?.status).toBe('pendingAcceptance');
      const pending = await cloud.project(EU_NL?.projectId ?? '').listConnections(service.id, {
        status: 'pendingAcceptance',
      });
      expect(pending.map((c) => c.endpointId)).toEqual([connection?.endpointId]);
    } finally {
      await cloud.close();
    }
  });

  it('reports a connection request to an unknown or unfinished service as a cloud error', async () => {
    const cloud = await createCloud(
      { mode: 'sandbox', projects: SANDBOX_PROJECTS },
      { logger: testLogger(), redis, keyPrefix: uniquePrefix('sandbox') },
      { ...OPTIONS, sandbox: { createDelayMs: 60_000 } },
    );
    try {
      const projectId = EU_DE?.projectId ?? '';
      const missing = await cloud.sandbox
        ?.requestConnection(projectId, 'no-such-service')
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFoundError);
      const creating = await createOnFirstLoadBalancer(cloud.project(projectId), [
        { clientPort: 1, serverPort: 1, protocol: 'TCP' },
      ]);
      const early = await cloud.sandbox?.requestConnection(projectId, creating.id).catch((e: unknown) => e);
      expect(early).toBeInstanceOf(CloudError);
      expect(early).toMatchObject({ otcCode: 'EndPoint.2004' });
    } finally {
      await cloud.close();
    }
  });

  it('keeps services, connections and credentials across a restart on the same Redis', async () => {
    const keyPrefix = uniquePrefix('sandbox');
    const before = await sandboxCloud(keyPrefix);
    const projectId = EU_DE?.projectId ?? '';
    const service = await createOne(before, projectId, 'survivor');
    const connection = await before.sandbox?.requestConnection(projectId, service.id);
    const oldUrl = before.sandbox?.url;
    await before.close();

    const after = await sandboxCloud(keyPrefix);
    try {
      expect(after.sandbox?.url).not.toBe(oldUrl);
      const client = after.project(projectId);
      expect(await client.getService(service.id)).toMatchObject({ name: 'survivor', status: 'available' });
      expect((await client.listConnections(service.id)).map((c) => c.endpointId)).toEqual([
        connection?.endpointId,
      ]);
      expect(await client.listVpcs()).toHaveLength(2);
    } finally {
      await after.close();
    }
  });

  it('finishes a deletion that was under way when the process stopped', async () => {
    const keyPrefix = uniquePrefix('sandbox');
    const before = await sandboxCloud(keyPrefix);
    const projectId = EU_DE?.projectId ?? '';
    const service = await createOne(before, projectId, 'leaving');
    await before.project(projectId).deleteService(service.id);
    await before.close();

    const after = await sandboxCloud(keyPrefix);
    try {
      await after.project(projectId).waitForService(service.id, 'deleted');
      expect(await after.project(projectId).listServices()).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it('lets two replicas on one Redis share the sandbox: same credentials, same services', async () => {
    const keyPrefix = uniquePrefix('sandbox');
    const [one, two] = await Promise.all([sandboxCloud(keyPrefix), sandboxCloud(keyPrefix)]);
    try {
      const projectId = EU_DE?.projectId ?? '';
      const service = await createOne(one, projectId, 'shared');
      expect((await two.project(projectId).getService(service.id)).name).toBe('shared');
      expect(await redis.get(`${keyPrefix}sandbox:credentials`)).toMatch(/"accessKey":"SANDBOX/);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
