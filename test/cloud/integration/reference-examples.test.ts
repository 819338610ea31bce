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
