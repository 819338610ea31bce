import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.close());

/** A fresh sandbox (its own key prefix) holding `count` available services. */
async function withServices(count: number, run: (cloud: TestCloud) => Promise<void>) {
  const cloud = await startTestCloud();
  try {
    await cloud.control.bulkSeed(cloud.projectId, { services: count });
    cloud.control.clearRequests();
    await run(cloud);
  } finally {
    await cloud.close();
  }
}

describe('the emulator pages like the API', () => {
  it('answers 10 items by default with the total count, and refuses offset=0 and limit>1000', async () => {
    await withServices(11, async (cloud) => {
      const path = `/v1/${cloud.projectId}/vpc-endpoint-services`;
      const first = await rawRequest(cloud.sandbox.url, 'GET', path);
      expect(first.body).toMatchObject({ total_count: 11 });
      expect((first.body as { endpoint_services: unknown[] }).endpoint_services).toHaveLength(10);
      expect(await rawRequest(cloud.sandbox.url, 'GET', `${path}?offset=0`)).toMatchObject({
        status: 400,
        body: { error_code: 'EndPoint.0010' },
      });
      expect(await rawRequest(cloud.sandbox.url, 'GET', `${path}?limit=1001`)).toMatchObject({
        status: 400,
        body: { error_code: 'EndPoint.0006' },
      });
    });
  });
});

describe('the client reads every page', () => {
  it.for<[number, string[]]>([
    [11, ['none']],
    [1001, ['none', '1000']],
    [2500, ['none', '1000', '2000']],
  ])('returns all %i services, following total_count', async ([count, offsets], { annotate }) => {
    await withServices(count, async (cloud) => {
      const started = performance.now();
      const services = await cloud.client.listServices();
      const elapsedMs = Math.round(performance.now() - started);
      expect(services).toHaveLength(count);
      expect(new Set(services.map((s) => s.id)).size).toBe(count);
      const requests = cloud.control.requests();
      expect(requests.map((r) => r.query.limit)).toEqual(offsets.map(() => '1000'));
      expect(requests.map((r) => r.query.offset ?? 'none')).toEqual(offsets);
      // Reported (in the test report), never asserted: timings vary by machine.
      await annotate(`listServices(${count}): ${elapsedMs} ms, ${requests.length} requests`);
    });
  });

  it('returns all 1001 connections of a service', async () => {
    const [serviceId = ''] = (await t.control.bulkSeed(t.projectId, { services: 1 })).serviceIds;
    await t.control.bulkSeed(t.projectId, { connections: { serviceId, count: 1001 } });
    t.control.clearRequests();
    const connections = await t.client.listConnections(serviceId, { status: 'pendingAcceptance' });
    expect(connections).toHaveLength(1001);
    expect(t.control.requests().map((r) => r.query.offset ?? 'none')).toEqual(['none', '1000']);
  });

  it('returns all 501 whitelist entries, 500 a page', async () => {
    const [serviceId = ''] = (await t.control.bulkSeed(t.projectId, { services: 1 })).serviceIds;
    await t.control.bulkSeed(t.projectId, { permissions: { serviceId, count: 501 } });
    t.control.clearRequests();
    const entries = await t.client.listWhitelist(serviceId);
    expect(entries).toHaveLength(501);
    expect(t.control.requests().map((r) => [r.query.limit, r.query.offset ?? 'none'])).toEqual([
      ['500', 'none'],
      ['500', '500'],
    ]);
  });
});
