import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '#src/cloud/errors.js';
import { rawRequest, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let vpcA: { id: string; name: string };
let vpcB: { id: string; name: string };

beforeAll(async () => {
  t = await startTestCloud();
  const [a, b] = t.world.vpcs;
  if (!a || !b) throw new Error('the demo world has two VPCs');
  vpcA = a;
  vpcB = b;
});
afterAll(() => t.close());
beforeEach(() => t.control.clearRequests());

describe('VPCs', () => {
  it('lists the seeded VPCs with their CIDRs', async () => {
    const vpcs = await t.client.listVpcs();
    expect(
      vpcs.map((v) => ({ name: v.name, cidr: v.cidr })).sort((x, y) => x.name.localeCompare(y.name)),
    ).toEqual([
      { name: 'vpc-demo-a', cidr: '192.168.0.0/16' },
      { name: 'vpc-demo-b', cidr: '10.20.0.0/16' },
    ]);
    expect(t.control.requests()).toEqual([
      expect.objectContaining({
        path: `/v1/${t.projectId}/vpcs`,
        query: { limit: '2000', enterprise_project_id: 'all_granted_eps' },
      }),
    ]);
  });

  it('lists the VPCs of every enterprise project, which the API leaves out unless asked', async () => {
    const own = await startTestCloud();
    try {
      const ep = '9dd1131d-71fd-40fe-8f14-3fe6b6b5ef8b';
      const { vpcIds } = await own.control.bulkSeed(own.projectId, {
        vpcs: { count: 1, enterpriseProjectId: ep, name: 'vpc-demo-a' },
      });
      const vpcs = await own.client.listVpcs();
      expect(vpcs.find((v) => v.id === vpcIds[0])).toMatchObject({
        name: 'vpc-demo-a',
        enterpriseProjectId: ep,
      });
      expect(vpcs.find((v) => v.name === 'vpc-demo-a' && v.id !== vpcIds[0])).toMatchObject({
        enterpriseProjectId: '0',
      });
      // Asked without the parameter, the cloud answers with the default enterprise project only.
      const plain = await rawRequest(own.sandbox.url, 'GET', `/v1/${own.projectId}/vpcs?limit=2000`);
      expect((plain.body as { vpcs: { id: string }[] }).vpcs.map((v) => v.id)).not.toContain(vpcIds[0]);
    } finally {
      await own.close();
    }
  });
});

describe('load balancers', () => {
  it('lists both families of one VPC by VIP port, dedicated first', async () => {
    const lbs = await t.client.listLoadBalancers(vpcA.id);
    const expected = t.world.loadBalancers.filter((l) => l.vpcId === vpcA.id);
    expect(lbs).toEqual([
      expect.objectContaining({
        family: 'dedicated',
        name: 'elb-dedicated-a',
        vipPortId: expected.find((l) => l.family === 'dedicated')?.vipPortId,
        vipAddress: '192.168.1.10',
      }),
      expect.objectContaining({
        family: 'shared',
        name: 'elb-shared-a',
        vipPortId: expected.find((l) => l.family === 'shared')?.vipPortId,
        vipAddress: '192.168.1.11',
      }),
    ]);
  });

  it('asks ELB v3 in the project path and ELB v2.0 with X-Project-Id, both filtered by VPC', async () => {
    await t.client.listLoadBalancers(vpcB.id);
    const requests = t.control.requests();
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `/v3/${t.projectId}/elb/loadbalancers`,
          query: { vpc_id: vpcB.id, limit: '2000' },
        }),
        expect.objectContaining({
          path: '/v2.0/lbaas/loadbalancers',
          query: { vpc_id: vpcB.id, limit: '2000' },
          projectHeader: t.projectId,
        }),
      ]),
    );
  });
});

describe('shared load balancers are kept by subnet (v2.0 objects carry no vpc_id)', () => {
  it('keeps the shared LB whose vip_subnet_id is a Neutron subnet of the VPC, and no other', async () => {
    // The emulator ignores the v2.0 vpc_id filter, as the live API may (reference §4.3).
    const raw = await rawRequest(t.sandbox.url, 'GET', `/v2.0/lbaas/loadbalancers?vpc_id=${vpcB.id}`, {
      headers: { 'X-Project-Id': t.projectId },
    });
    expect((raw.body as { loadbalancers: unknown[] }).loadbalancers).toHaveLength(2);
    t.control.clearRequests();

    const shared = (await t.client.listLoadBalancers(vpcB.id)).filter((lb) => lb.family === 'shared');
    expect(shared).toEqual([expect.objectContaining({ name: 'elb-shared-b', vpcId: vpcB.id })]);
    expect(t.control.requests()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `/v1/${t.projectId}/subnets`,
          query: { vpc_id: vpcB.id, limit: '2000' },
        }),
      ]),
    );
  });
});

describe('load balancers without the subnet permission', () => {
  it('fails with a PermissionDeniedError that points the operator at docs/iam-permissions.md', async () => {
    t.control.addFault({ match: '/subnets$', status: 403, count: 1 });
    const error = await t.client.listLoadBalancers(vpcA.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).userMessage).toContain(
      'not allowed to list the subnets of the VPC',
    );
    expect((error as PermissionDeniedError).userMessage).toContain('docs/iam-permissions.md');
  });
});

describe('servers and their NICs', () => {
  it('lists ECS NIC ports with IPs, one entry per NIC, by server name', async () => {
    const nics = await t.client.listServerNics('ecs', vpcA.id);
    expect(nics.map((n) => [n.serverName, n.ipAddress])).toEqual([
      ['ecs-app-a2', '192.168.1.22'],
      ['ecs-app-a2', '192.168.1.23'],
      ['ecs-web-a1', '192.168.1.21'],
    ]);
    // The list names each NIC's port in `addresses`: one call, no per-server NIC calls.
    expect(t.control.requests()).toEqual([
      expect.objectContaining({
        path: `/v1/${t.projectId}/cloudservers/detail`,
        query: { limit: '1000', offset: '1' },
      }),
    ]);
  });

  it('lists BMS NIC ports, from os-interface when the list does not name the ports', async () => {
    const nics = await t.client.listServerNics('bms', vpcB.id);
    expect(nics).toEqual([
      expect.objectContaining({
        kind: 'bms',
        serverName: 'bms-db-b1',
        ipAddress: '10.20.1.31',
        ipAddresses: ['10.20.1.31'],
      }),
    ]);
    expect(t.control.requests().map((r) => r.path)).toEqual([
      `/v1/${t.projectId}/baremetalservers/detail`,
      `/v1/${t.projectId}/baremetalservers/${nics[0]?.serverId}/os-interface`,
    ]);
  });

  it('offers no BMS, rather than an error, in a region without BMS (404 on the list)', async () => {
    t.control.addFault({
      match: '/baremetalservers/detail$',
      status: 404,
      errorCode: 'APIGW.0101',
      errorMsg: 'The API does not exist or has not been published in the environment.',
      count: 1,
    });
    expect(await t.client.listServerNics('bms', vpcB.id)).toEqual([]);
    expect(t.control.requests().map((r) => r.status)).toEqual([404]);
  });

  it('reads every page of a long server list by page number', async () => {
    const busy = await startTestCloud();
    try {
      await busy.control.bulkSeed(busy.projectId, {
        servers: { kind: 'ecs', count: 1001, vpcId: busy.world.vpcs[1]?.id },
      });
      const nics = await busy.client.listServerNics('ecs', busy.world.vpcs[1]?.id ?? '');
      expect(nics).toHaveLength(1001 + 3);
      expect(new Set(nics.map((n) => n.portId)).size).toBe(1004);
      expect(busy.control.requests().map((r) => r.query.offset)).toEqual(['1', '2']);
    } finally {
      await busy.close();
    }
  });
});

describe('security-group check (best effort)', () => {
  const nicOf = (name: string) => {
    const server = t.world.servers.find((s) => s.name === name);
    return server?.portIds[0] ?? '';
  };

  it('answers "allowed" when a group admits 198.19.128.0/17', async () => {
    expect(await t.client.checkSecurityGroupIngress(nicOf('ecs-web-a1'), [8080])).toBe('allowed');
    expect(t.control.requests().map((r) => r.path)).toEqual([
      `/v2.0/ports/${nicOf('ecs-web-a1')}`,
      expect.stringMatching(/^\/v2\.0\/security-groups\//),
    ]);
  });

  it('answers "missing" when no group admits the range', async () => {
    expect(await t.client.checkSecurityGroupIngress(nicOf('ecs-app-a2'))).toBe('missing');
  });

  it('answers "unknown" for a load balancer VIP (no security groups on the port)', async () => {
    const lb = t.world.loadBalancers[0];
    expect(await t.client.checkSecurityGroupIngress(lb?.vipPortId ?? '')).toBe('unknown');
  });

  it('answers "unknown", never an error, when the VPC API does not answer', async () => {
    expect(await t.client.checkSecurityGroupIngress('no-such-port')).toBe('unknown');
    t.control.addFault({ match: '^/v2\\.0/ports/', status: 503, count: 1 });
    expect(await t.client.checkSecurityGroupIngress(nicOf('ecs-web-a1'))).toBe('unknown');
    t.control.addFault({ match: '^/v2\\.0/security-groups/', status: 403, count: 1 });
    expect(await t.client.checkSecurityGroupIngress(nicOf('ecs-web-a1'))).toBe('unknown');
  });
});
