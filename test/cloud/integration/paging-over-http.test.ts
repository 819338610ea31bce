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

describe('marker paging (VPC and ELB) across a page boundary of 2000', () => {
  let m: TestCloud;
  let vpcA: string;

  beforeAll(async () => {
    m = await startTestCloud();
    vpcA = m.world.vpcs[0]?.id ?? '';
  });
  afterAll(() => m.close());

  /** The `marker` of each request to `path`, in order ('none' for the first page). */
  const markers = (path: string) => m.control.requests({ path }).map((r) => r.query.marker ?? 'none');
  /** The last ID of the first page: the emulator pages by ID order, 2000 a page. */
  const lastOfFirstPage = (ids: readonly string[]) => [...ids].sort()[1999];

  it('returns 2001 dedicated load balancers whole, the second request starting after the first page', async () => {
    const { loadBalancerIds } = await m.control.bulkSeed(m.projectId, {
      loadBalancers: { family: 'dedicated', count: 2001, vpcId: vpcA },
    });
    m.control.clearRequests();
    const dedicated = (await m.client.listLoadBalancers(vpcA)).filter((lb) => lb.family === 'dedicated');
    const seeded = m.world.loadBalancers.filter((l) => l.family === 'dedicated' && l.vpcId === vpcA);
    const expected = [...loadBalancerIds, ...seeded.map((l) => l.id)];
    expect(dedicated.map((lb) => lb.id).sort()).toEqual([...expected].sort());
    expect(markers('/elb/loadbalancers$')).toEqual(['none', lastOfFirstPage(expected)]);
  });

  it('returns 2001 shared load balancers whole, the second request starting after the first page', async () => {
    const { loadBalancerIds } = await m.control.bulkSeed(m.projectId, {
      loadBalancers: { family: 'shared', count: 2001, vpcId: vpcA },
    });
    m.control.clearRequests();
    const shared = (await m.client.listLoadBalancers(vpcA)).filter((lb) => lb.family === 'shared');
    const seeded = m.world.loadBalancers.filter((l) => l.family === 'shared');
    const inVpc = [...loadBalancerIds, ...seeded.filter((l) => l.vpcId === vpcA).map((l) => l.id)];
    expect(shared.map((lb) => lb.id).sort()).toEqual([...inVpc].sort());
    expect(shared.every((lb) => lb.vpcId === vpcA)).toBe(true);
    // The v2.0 list ignores vpc_id, so its pages hold every shared LB of the project.
    const everyShared = [...loadBalancerIds, ...seeded.map((l) => l.id)];
    expect(markers('^/v2\\.0/lbaas/loadbalancers$')).toEqual(['none', lastOfFirstPage(everyShared)]);
  });

  it('returns 2001 VPCs whole, the second request starting after the first page', async () => {
    const { vpcIds } = await m.control.bulkSeed(m.projectId, { vpcs: { count: 2001 } });
    m.control.clearRequests();
    const vpcs = await m.client.listVpcs();
    const expected = [...vpcIds, ...m.world.vpcs.map((v) => v.id)];
    expect(vpcs.map((v) => v.id).sort()).toEqual([...expected].sort());
    expect(markers('/vpcs$')).toEqual(['none', lastOfFirstPage(expected)]);
    expect(m.control.requests({ path: '/vpcs$' }).map((r) => r.query.limit)).toEqual(['2000', '2000']);
  });
});

describe('ELB v2.0 paging by next links, whatever page size the server caps to', () => {
  it('follows the next links past a page shorter than the limit asked for', async () => {
    // The emulator caps v2.0 pages at 1 load balancer although the client asks for 2000.
    const c = await startTestCloud({ sandbox: { sharedLbPageCap: 1 } });
    try {
      const shared = c.world.loadBalancers.filter((l) => l.family === 'shared');
      expect(shared.length).toBeGreaterThan(1);
      for (const vpc of c.world.vpcs) {
        const found = (await c.client.listLoadBalancers(vpc.id)).filter((lb) => lb.family === 'shared');
        expect(found.map((lb) => lb.id)).toEqual(shared.filter((l) => l.vpcId === vpc.id).map((l) => l.id));
      }
      const pages = c.control.requests({ path: '^/v2\\.0/lbaas/loadbalancers$' }).slice(0, shared.length);
      // The first page asks for 2000; each later one asks what the previous page's next link said.
      expect(pages.map((r) => r.query.limit)).toEqual(['2000', ...shared.slice(1).map(() => '1')]);
      expect(pages.map((r) => r.query.marker ?? 'none')).toEqual([
        'none',
        ...[...shared.map((l) => l.id)].sort().slice(0, -1),
      ]);
    } finally {
      await c.close();
    }
  });
});
