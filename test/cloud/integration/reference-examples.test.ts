/**
 * The real client against answers copied from the OTC documentation (test/fixtures/otc/README.md names
 * each source), served by a bare HTTP server: the shapes the emulator may not reproduce.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '#src/cloud/errors.js';
import { type FixtureCloud, referenceFixture, startFixtureCloud } from '../../helpers/fixture-cloud.js';

let cloud: FixtureCloud | undefined;
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
});

describe('BMSs of the chosen VPC, from the BMS list example', () => {
  // The example's servers carry no metadata.vpc_id; their addresses are keyed by the VPC ID, as the
  // single-BMS document defines `addresses` ("key: indicates the VPC ID").
  const EXAMPLE_VPC = '5849fdf1-9d79-4589-80c2-fe557990c417';

  it('offers the NICs of every BMS whose addresses are keyed by the VPC, without asking os-interface', async () => {
    cloud = await startFixtureCloud([
      {
        method: 'GET',
        path: /\/baremetalservers\/detail$/,
        answer: () => ({ body: referenceFixture('bms-list-example.json') }),
      },
    ]);
    const nics = await cloud.client.listServerNics('bms', EXAMPLE_VPC);
    // Ordered by server name (localeCompare: bms_test2 before bms-test1).
    expect(nics).toEqual([
      {
        kind: 'bms',
        serverId: 'a1541cfc-8ac3-43e9-a70d-b8d4b395b256',
        serverName: 'bms_test2',
        serverStatus: 'SHUTOFF',
        portId: '460aa585-9f83-4719-9527-fc39ebaca9aa',
        ipAddress: '192.168.1.50',
        ipAddresses: ['192.168.1.50'],
      },
      {
        kind: 'bms',
        serverId: 'b544be62-1b3b-4982-ad98-572b002ac23b',
        serverName: 'bms-test1',
        serverStatus: 'ACTIVE',
        portId: 'c79d2813-94c9-4135-973e-cbf5d23e78e6',
        ipAddress: '192.168.1.63',
        ipAddresses: ['192.168.1.63'],
      },
    ]);
    expect(cloud.received.map((r) => r.path)).toEqual([`/v1/${cloud.projectId}/baremetalservers/detail`]);
  });

  it('offers none of them for another VPC', async () => {
    cloud = await startFixtureCloud([
      {
        method: 'GET',
        path: /\/baremetalservers\/detail$/,
        answer: () => ({ body: referenceFixture('bms-list-example.json') }),
      },
    ]);
    expect(await cloud.client.listServerNics('bms', '0a1b2c3d-0000-4000-8000-000000000000')).toEqual([]);
  });
});

describe('VPCs of every enterprise project, from the VPC list example', () => {
  it("asks with enterprise_project_id=all_granted_eps and keeps each VPC's enterprise project", async () => {
    cloud = await startFixtureCloud([
      {
        method: 'GET',
        path: /\/vpcs$/,
        answer: () => ({ body: referenceFixture('vpc-list-example.json') }),
      },
    ]);
    const vpcs = await cloud.client.listVpcs();
    expect(vpcs).toEqual([
      {
        id: '13551d6b-755d-4757-b956-536f674975c0',
        name: 'default',
        cidr: '172.16.0.0/16',
        status: 'OK',
        enterpriseProjectId: '0',
      },
      {
        id: '3ec3b33f-ac1c-4630-ad1c-7dba1ed79d85',
        name: '222',
        cidr: '192.168.0.0/16',
        status: 'OK',
        enterpriseProjectId: '0',
      },
      {
        id: '99d9d709-8478-4b46-9f3f-2206b1023fd3',
        name: 'vpc',
        cidr: '192.168.0.0/16',
        status: 'OK',
        enterpriseProjectId: '0',
      },
    ]);
    expect(cloud.received.map((r) => r.query.get('enterprise_project_id'))).toEqual(['all_granted_eps']);
  });
});

describe('throttling by the API gateway (APIGW.0308 / APIG.0308, HTTP 429)', () => {
  /** Answers the VPC list with `throttled` (and `headers`) `times` times, then with the VPC example. */
  function throttledThenFine(fixture: string, times: number, headers: Record<string, string> = {}) {
    let left = times;
    return [
      {
        method: 'GET',
        path: /\/vpcs$/,
        answer: () => {
          if (left-- > 0) return { status: 429, body: referenceFixture(fixture), headers };
          return { body: referenceFixture('vpc-list-example.json') };
        },
      },
    ];
  }

  it('waits as long as Retry-After asks, then repeats the call', async () => {
    cloud = await startFixtureCloud(
      throttledThenFine('apigw-0308-throttled.json', 1, { 'Retry-After': '1' }),
    );
    await expect(cloud.client.listVpcs()).resolves.toHaveLength(3);
    const [first, second] = cloud.received;
    expect(cloud.received).toHaveLength(2);
    // The test tuning's backoff is at most 5 ms: only Retry-After explains a second's wait.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once when Retry-After asks for longer than 30 s, saying when to try again', async () => {
    cloud = await startFixtureCloud(
      throttledThenFine('apigw-0308-throttled.json', 1, { 'Retry-After': '120' }),
    );
    const error = await cloud.client.listVpcs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, otcCode: 'APIGW.0308', retryAfterMs: 120_000 });
    expect((error as RateLimitedError).userMessage).toContain('try again in 2 minutes');
    expect(cloud.received).toHaveLength(1);
  });

  it('retries APIG.0308 without Retry-After with the usual backoff', async () => {
    cloud = await startFixtureCloud(throttledThenFine('apig-0308-throttled.json', 2));
    await expect(cloud.client.listVpcs()).resolves.toHaveLength(3);
    expect(cloud.received).toHaveLength(3);
  });
});

describe('shared (v2.0) and dedicated (v3) load balancers, from the ELB list examples', () => {
  // The VPC and subnets of the v3 example, and the v2.0 examples' load balancers in it.
  const VPC = '6e0ee31f-7a46-4530-b32f-ce41f30959d4';
  const v3 = referenceFixture('elb-v3-list-example.json') as { loadbalancers: Record<string, unknown>[] };
  const v2 = [
    ...(referenceFixture('elb-v2-list-example-1.json') as { loadbalancers: Record<string, unknown>[] })
      .loadbalancers,
    ...(referenceFixture('elb-v2-list-example-2.json') as { loadbalancers: Record<string, unknown>[] })
      .loadbalancers,
  ];
  const dedicated = v3.loadbalancers[0] ?? {};
  // The dedicated load balancer as the v2.0 list shows it too (v2.0 fields only, its VIP subnet).
  const dedicatedInV2 = {
    id: dedicated.id,
    name: dedicated.name,
    vip_port_id: dedicated.vip_port_id,
    vip_address: dedicated.vip_address,
    vip_subnet_id: dedicated.vip_subnet_cidr_id,
    provisioning_status: 'ACTIVE',
    provider: 'vlb',
  };
  const everyShared = [...v2, dedicatedInV2].sort((a, b) => String(a.id).localeCompare(String(b.id)));

  /** Serves the v2.0 list one load balancer a page, whatever `limit` asks, with the example's link host. */
  function cappedV2(url: URL) {
    const marker = url.searchParams.get('marker');
    const start = marker ? everyShared.findIndex((lb) => lb.id === marker) + 1 : 0;
    const page = everyShared.slice(start, start + 1);
    const last = page.at(-1);
    const more = start + 1 < everyShared.length;
    return {
      body: {
        loadbalancers: page,
        loadbalancers_links: more
          ? [
              {
                href: `https://network.Region.dc1.domainname.com/v2.0/lbaas/loadbalancers?limit=1&marker=${last?.id}`,
                rel: 'next',
              },
            ]
          : [],
      },
    };
  }

  it('reads every capped v2.0 page by its next link and offers a load balancer both lists show once', async () => {
    cloud = await startFixtureCloud([
      {
        // The v3 example as documented (its second load balancer has no VIP port), then an empty page.
        method: 'GET',
        path: /\/elb\/loadbalancers$/,
        answer: (url) =>
          url.searchParams.get('marker')
            ? { body: { loadbalancers: [], page_info: { next_marker: null, current_count: 0 } } }
            : { body: v3 },
      },
      {
        method: 'GET',
        path: /\/subnets$/,
        answer: () => ({
          body: {
            subnets: [
              '5328f1e6-ce29-44f1-9493-b128a5653350',
              '9d60827e-0e5c-490a-8183-0b6ebf9084ca',
              '96e52038-7983-462f-8a96-415d8a280b13',
            ].map((neutronSubnetId, i) => ({
              id: `net-${i}`,
              vpc_id: VPC,
              neutron_subnet_id: neutronSubnetId,
            })),
          },
        }),
      },
      { method: 'GET', path: /^\/v2\.0\/lbaas\/loadbalancers$/, answer: cappedV2 },
    ]);
    const lbs = await cloud.client.listLoadBalancers(VPC);
    expect(lbs.map((lb) => [lb.family, lb.id, lb.name, lb.vipPortId])).toEqual([
      [
        'dedicated',
        '65672f7e-2024-4c39-9198-98249da479c5',
        'dxq_2021_07_26_11_12_37',
        'b289f890-a6fa-4405-a9cc-fe62b8a3bed0',
      ],
      ['shared', 'e79a7dd6-3a38-429a-95f9-c7f78b346cbe', 'elb-robot', '44ac5d9b-b0c0-4810-9a9d-c4dbf541e47e'],
      [
        'shared',
        'a9729389-6147-41a3-ab22-a24aed8692b2',
        'loadbalancer1',
        'cbced4fe-6f6f-4fd6-9348-0c3d1219d6ca',
      ],
    ]);
    const v2Requests = cloud.received.filter((r) => r.path === '/v2.0/lbaas/loadbalancers');
    expect(v2Requests.map((r) => [r.query.get('limit'), r.query.get('marker')])).toEqual([
      ['2000', null],
      ['1', everyShared[0]?.id],
      ['1', everyShared[1]?.id],
    ]);
  });
});
