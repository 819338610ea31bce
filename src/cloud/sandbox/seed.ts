/**
 * Demo resources of each sandbox project: two VPCs, each with a dedicated (v3) and a shared (v2.0)
 * load balancer, two ECSs (one with two NICs) and a BMS, all with NIC ports, and two security groups:
 * one admitting 198.19.128.0/17, one not. IDs derive from the project ID, so every replica and every
 * restart seeds the same world. The BMS lists its addresses without port IDs, so its NICs come from
 * `os-interface`, the client's fallback path.
 */
import { createHash } from 'node:crypto';
import type {
  SandboxLoadBalancer,
  SandboxPort,
  SandboxSecurityGroup,
  SandboxServer,
  SandboxVpc,
} from './models.js';
import type { SandboxStore } from './store.js';

/** A UUID-shaped ID derived from `parts`: stable across processes. */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The Neutron subnet ID of a VPC subnet. The VPC API's subnet `id` is the Neutron *network* ID (what
 * ports and ECS NICs report as `network_id` / `net_id`); load balancers report the Neutron *subnet*
 * (`vip_subnet_id`), which the subnet lists as `neutron_subnet_id` (reference §4.2).
 */
export function neutronSubnetId(subnetId: string): string {
  return stableId(subnetId, 'neutron-subnet');
}

/** A MAC address derived from an ID. */
export function mac(id: string): string {
  return `fa:16:3e:${id.slice(0, 2)}:${id.slice(2, 4)}:${id.slice(4, 6)}`;
}

/** Every seeded resource of one project. */
export interface World {
  vpcs: SandboxVpc[];
  ports: SandboxPort[];
  loadBalancers: SandboxLoadBalancer[];
  servers: SandboxServer[];
  securityGroups: SandboxSecurityGroup[];
}

export function emptyWorld(): World {
  return { vpcs: [], ports: [], loadBalancers: [], servers: [], securityGroups: [] };
}

const VPC_LAYOUT = [
  { letter: 'a', cidr: '192.168.0.0/16', net: '192.168.1' },
  { letter: 'b', cidr: '10.20.0.0/16', net: '10.20.1' },
] as const;

function securityGroups(projectId: string, vpcId: string, letter: string): SandboxSecurityGroup[] {
  const vpcep = stableId(projectId, 'sg', letter, 'vpcep');
  const plain = stableId(projectId, 'sg', letter, 'default');
  const egress = (group: string) => ({
    id: stableId(group, 'egress'),
    direction: 'egress' as const,
    protocol: null,
    portRangeMin: null,
    portRangeMax: null,
    remoteIpPrefix: '0.0.0.0/0',
    remoteGroupId: null,
  });
  return [
    {
      id: vpcep,
      name: `sg-vpcep-${letter}`,
      vpcId,
      rules: [
        {
          id: stableId(vpcep, 'ingress'),
          direction: 'ingress',
          protocol: 'tcp',
          portRangeMin: 1,
          portRangeMax: 65535,
          remoteIpPrefix: '198.19.128.0/17',
          remoteGroupId: null,
        },
        egress(vpcep),
      ],
    },
    {
      id: plain,
      name: `sg-default-${letter}`,
      vpcId,
      rules: [
        {
          id: stableId(plain, 'ingress'),
          direction: 'ingress',
          protocol: null,
          portRangeMin: null,
          portRangeMax: null,
          remoteIpPrefix: null,
          remoteGroupId: plain,
        },
        egress(plain),
      ],
    },
  ];
}

/** The demo world of one project. */
export function demoWorld(projectId: string, nowMs: number): World {
  const world = emptyWorld();
  for (const { letter, cidr, net } of VPC_LAYOUT) {
    const vpcId = stableId(projectId, 'vpc', letter);
    const subnetId = stableId(projectId, 'subnet', letter);
    world.vpcs.push({ id: vpcId, name: `vpc-demo-${letter}`, cidr, subnetId, createdAtMs: nowMs });
    const [vpcepGroup, defaultGroup] = securityGroups(projectId, vpcId, letter);
    if (vpcepGroup && defaultGroup) world.securityGroups.push(vpcepGroup, defaultGroup);
    const port = (
      label: string,
      host: number,
      role: SandboxPort['role'],
      deviceId: string,
      groups: string[],
    ) => {
      const id = stableId(projectId, 'port', letter, label);
      world.ports.push({
        id,
        vpcId,
        subnetId,
        ipAddress: `${net}.${host}`,
        macAddress: mac(id),
        deviceId,
        role,
        securityGroups: groups,
        portSecurityEnabled: true,
      });
      return id;
    };
    for (const [family, host] of [
      ['dedicated', 10],
      ['shared', 11],
    ] as const) {
      const id = stableId(projectId, 'lb', letter, family);
      world.loadBalancers.push({
        id,
        name: `elb-${family}-${letter}`,
        family,
        vpcId,
        subnetId,
        vipPortId: port(`lb-${family}`, host, 'lb', id, []),
        vipAddress: `${net}.${host}`,
        createdAtMs: nowMs,
      });
    }
    const server = (kind: 'ecs' | 'bms', name: string, nics: { host: number; group: string }[]) => {
      const id = stableId(projectId, kind, name);
      const portIds = nics.map((nic, i) => port(`${name}-nic${i}`, nic.host, kind, id, [nic.group]));
      // The BMS lists its addresses without port IDs, so the client's os-interface path is exercised.
      const addressesNamePorts = kind === 'ecs';
      world.servers.push({
        id,
        name,
        kind,
        vpcId,
        status: 'ACTIVE',
        portIds,
        addressesNamePorts,
        createdAtMs: nowMs,
      });
    };
    server('ecs', `ecs-web-${letter}1`, [{ host: 21, group: vpcepGroup?.id ?? '' }]);
    server('ecs', `ecs-app-${letter}2`, [
      { host: 22, group: defaultGroup?.id ?? '' },
      { host: 23, group: defaultGroup?.id ?? '' },
    ]);
    server('bms', `bms-db-${letter}1`, [{ host: 31, group: defaultGroup?.id ?? '' }]);
  }
  return world;
}

/** Writes `world` into the store (idempotent: same IDs, same values). */
export async function writeWorld(store: SandboxStore, projectId: string, world: World): Promise<void> {
  await store.vpcs(projectId).putMany(world.vpcs.map((v) => [v.id, v]));
  await store.ports(projectId).putMany(world.ports.map((p) => [p.id, p]));
  await store.loadBalancers(projectId).putMany(world.loadBalancers.map((l) => [l.id, l]));
  await store.servers(projectId).putMany(world.servers.map((s) => [s.id, s]));
  await store.securityGroups(projectId).putMany(world.securityGroups.map((g) => [g.id, g]));
}
